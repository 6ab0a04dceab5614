package io.plumbery.runtime.marathon.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.election.FlagFile;
import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A v1 scheduler HTTP API client: finds the leading master (ZooKeeper {@code json.info_} znodes or a fixed
 * host:port), SUBSCRIBEs with the framework info of the moment, reads the RecordIO event stream, and re-subscribes
 * (same FrameworkID) when the stream ends, the master changes or heartbeats stop. Calls are JSON POSTs carrying
 * {@code Mesos-Stream-Id}, and the framework's credential as Basic authentication when it has one.
 */
public final class MesosClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MesosClient.class);
    private static final long RETRY_MILLIS = 1_000;

    /** What the scheduler hears; called on the client's reader thread. */
    public interface Listener {
        void subscribed(String frameworkId, JsonNode subscribed);

        void event(JsonNode event);

        void disconnected(String why);
    }

    private final String master;
    private final Credential credential;
    private final Supplier<ObjectNode> frameworkInfo;
    private final Listener listener;
    private final java.util.concurrent.ExecutorService httpPool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "marathon-mesos-http");
        t.setDaemon(true);
        return t;
    });
    private final Tls tls = Tls.forProcess();
    private final HttpClient http = tls.client().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(2)).executor(httpPool).build();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "marathon-mesos-client");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger generation = new AtomicInteger();
    private CuratorFramework curator;
    private LeaderDetector detector;
    private volatile boolean closed;
    private volatile String endpoint;
    private volatile String streamId;
    private volatile String frameworkId;
    private volatile InputStream stream;
    private volatile long lastEventNanos = System.nanoTime();
    private volatile double heartbeatSeconds = 15;

    /** {@code credential}: sent as Basic authentication on every call to the master; null: none. */
    public MesosClient(String master, Credential credential, Supplier<ObjectNode> frameworkInfo, Listener listener) {
        this.master = master;
        this.credential = credential;
        this.frameworkInfo = frameworkInfo;
        this.listener = listener;
    }

    public void start() {
        if (ZkUrl.isZk(master)) {
            ZkUrl zk = ZkUrl.parse(master);
            curator = Zk.client(zk, 4_000);
            curator.start();
            detector = new LeaderDetector(curator, zk.path(), leader -> leaderChanged(leader));
            detector.start();
        }
        timers.execute(this::connect);
        timers.scheduleWithFixedDelay(this::watchHeartbeats, 1, 1, TimeUnit.SECONDS);
    }

    public boolean isSubscribed() {
        return streamId != null && stream != null;
    }

    public Optional<String> masterEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    private Optional<String> leader() {
        if (detector == null) {
            return Optional.of(master);
        }
        return detector.leader().map(MasterInfo::endpoint);
    }

    private void leaderChanged(Optional<MasterInfo> leader) {
        String now = leader.map(MasterInfo::endpoint).orElse(null);
        if (now != null && streamId != null && !now.equals(endpoint)) {
            lost(generation.get(), "leading master is now " + now);
        }
    }

    private void watchHeartbeats() {
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastEventNanos);
        if (streamId != null && silentMillis > heartbeatSeconds * 3_000) {
            lost(generation.get(), "no event from the master for " + silentMillis + " ms");
        }
    }

    private void dropStream() {
        InputStream in = stream;
        stream = null;
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader thread sees the end of stream and reconnects
            }
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        Optional<String> target = leader();
        if (target.isEmpty()) {
            retryLater();
            return;
        }
        int gen = generation.incrementAndGet();
        try {
            ObjectNode call = Json.object().put("type", "SUBSCRIBE");
            call.putObject("subscribe").set("framework_info", frameworkInfo.get());
            URI uri = URI.create(tls.url(target.get()) + "/api/v1/scheduler");
            HttpRequest request = authenticated(HttpRequest.newBuilder(uri))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes());
                LOG.info("SUBSCRIBE to {} answered {}: {}", target.get(), response.statusCode(), body);
                retryLater();
                return;
            }
            endpoint = response.uri().getHost() + ":" + response.uri().getPort();
            streamId = response.headers().firstValue("Mesos-Stream-Id").orElse(null);
            stream = response.body();
            lastEventNanos = System.nanoTime();
            InputStream in = stream;
            Thread reader = new Thread(() -> read(in, gen), "marathon-mesos-events");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            LOG.info("SUBSCRIBE to {} failed: {}", target.get(), e.toString());
            retryLater();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryLater() {
        if (!closed) {
            timers.schedule(this::connect, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void read(InputStream in, int gen) {
        String why = "stream ended";
        try {
            byte[] record;
            while (!closed && generation.get() == gen && (record = RecordIo.read(in)) != null) {
                lastEventNanos = System.nanoTime();
                JsonNode event = Json.MAPPER.readTree(record);
                String type = event.path("type").asText();
                if (type.equals("SUBSCRIBED")) {
                    frameworkId = event.path("subscribed").path("framework_id").path("value").asText();
                    heartbeatSeconds = event.path("subscribed").path("heartbeat_interval_seconds").asDouble(15);
                    listener.subscribed(frameworkId, event.path("subscribed"));
                } else if (type.equals("ERROR")) {
                    why = "ERROR " + event.path("error").path("message").asText();
                    break;
                } else {
                    listener.event(event);
                }
            }
        } catch (Exception e) {
            why = e.toString();
        }
        lost(gen, why);
    }

    /** The stream of this generation is gone: forget it (a stuck reader becomes stale) and subscribe again. */
    private void lost(int gen, String why) {
        if (closed || !generation.compareAndSet(gen, gen + 1)) {
            return;
        }
        LOG.info("Event stream from {} lost ({}); re-subscribing", endpoint, why);
        streamId = null;
        dropStream();
        listener.disconnected(why);
        retryLater();
    }

    /** POSTs a call (framework_id filled in); the future holds the HTTP status (202 accepted), -1 when not sent. */
    public CompletableFuture<Integer> call(ObjectNode call) {
        String sid = streamId;
        String to = endpoint;
        if (sid == null || to == null || frameworkId == null) {
            return CompletableFuture.completedFuture(-1);
        }
        call.putObject("framework_id").put("value", frameworkId);
        URI uri = URI.create(tls.url(to) + "/api/v1/scheduler");
        HttpRequest request = authenticated(HttpRequest.newBuilder(uri))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", sid)
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((r, e) -> {
            if (e != null) {
                LOG.info("{} call failed: {}", call.path("type").asText(), e.toString());
                return -1;
            }
            if (r.statusCode() >= 400) {
                LOG.warn("{} call answered {}: {}", call.path("type").asText(), r.statusCode(), r.body());
            }
            return r.statusCode();
        });
    }

    private HttpRequest.Builder authenticated(HttpRequest.Builder request) {
        return credential == null ? request : request.header("Authorization", credential.basicAuthorization());
    }

    public static ObjectNode newCall(String type) {
        return Json.object().put("type", type);
    }

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        httpPool.shutdownNow();
        dropStream();
        if (detector != null) {
            detector.close();
        }
        if (curator != null) {
            Zk.closeQuietly(curator, 3_000);
        }
    }
}
