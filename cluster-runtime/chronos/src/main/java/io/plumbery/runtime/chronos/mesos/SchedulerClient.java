package io.plumbery.runtime.chronos.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.election.LeaderDetector;
import io.plumbery.runtime.election.Zk;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.RecordIo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chronos's connection to the leading master through the v1 scheduler HTTP API: one SUBSCRIBE stream at a time,
 * read on its own thread and handed to a {@link Listener}; a new stream when the stream ends, the leading master
 * changes (ZooKeeper {@code json.info_} znodes, or a fixed host:port) or no heartbeat arrives for three intervals.
 * Calls are JSON POSTs with the stream's {@code Mesos-Stream-Id}, and the framework's credential as Basic
 * authentication when it has one.
 */
public final class SchedulerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerClient.class);

    /** The stream's events, on the client's reader thread. */
    public interface Listener {
        void subscribed(String frameworkId);

        void event(JsonNode event);
    }

    /** One subscription: the master it reached and the stream's id. */
    private record Stream(String master, String id, InputStream body) {
    }

    private final String master;
    private final Credential credential;
    private final Supplier<ObjectNode> frameworkInfo;
    private final Listener listener;
    private final Tls tls = Tls.forProcess();
    private final HttpClient http = tls.client().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chronos-mesos");
        t.setDaemon(true);
        return t;
    });
    private CuratorFramework curator;
    private LeaderDetector detector;
    private volatile Stream stream;
    private volatile String frameworkId;
    private volatile long lastEventNanos;
    private volatile long heartbeatNanos = TimeUnit.SECONDS.toNanos(15);
    private volatile boolean closed;

    /** {@code credential}: sent with every call to the master; null: none. */
    public SchedulerClient(String master, Credential credential, Supplier<ObjectNode> frameworkInfo, Listener listener) {
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
            detector = new LeaderDetector(curator, zk.path(), leader -> timer.execute(this::checkMaster));
            detector.start();
        }
        timer.execute(this::subscribe);
        timer.scheduleWithFixedDelay(this::checkHeartbeats, 1, 1, TimeUnit.SECONDS);
    }

    public boolean subscribed() {
        return stream != null && frameworkId != null;
    }

    private Optional<String> leadingMaster() {
        return detector == null ? Optional.of(master) : detector.leader().map(MasterInfo::endpoint);
    }

    private void checkMaster() {
        Stream s = stream;
        Optional<String> leader = leadingMaster();
        if (s != null && leader.isPresent() && !leader.get().equals(s.master())) {
            drop(s, "the leading master is now " + leader.get());
        }
    }

    private void checkHeartbeats() {
        Stream s = stream;
        if (s != null && System.nanoTime() - lastEventNanos > 3 * heartbeatNanos) {
            drop(s, "no heartbeat");
        }
    }

    private void subscribe() {
        Optional<String> target = leadingMaster();
        if (closed || stream != null) {
            return;
        }
        if (target.isEmpty()) {
            timer.schedule(this::subscribe, 500, TimeUnit.MILLISECONDS);
            return;
        }
        ObjectNode call = Json.object().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", frameworkInfo.get());
        try {
            HttpResponse<InputStream> r = http.send(request(target.get(), call).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                LOG.info("SUBSCRIBE to {} answered {}: {}", target.get(), r.statusCode(),
                        new String(r.body().readAllBytes()));
                r.body().close();
                timer.schedule(this::subscribe, 1, TimeUnit.SECONDS);
                return;
            }
            Stream s = new Stream(target.get(), r.headers().firstValue("Mesos-Stream-Id").orElse(""), r.body());
            lastEventNanos = System.nanoTime();
            stream = s;
            Thread reader = new Thread(() -> read(s), "chronos-mesos-events");
            reader.setDaemon(true);
            reader.start();
        } catch (java.io.IOException e) {
            LOG.info("SUBSCRIBE to {} failed: {}", target.get(), e.toString());
            timer.schedule(this::subscribe, 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(Stream s) {
        String why = "the stream ended";
        try {
            byte[] record;
            while (stream == s && (record = RecordIo.read(s.body())) != null) {
                lastEventNanos = System.nanoTime();
                JsonNode event = Json.MAPPER.readTree(record);
                switch (event.path("type").asText()) {
                    case "SUBSCRIBED" -> {
                        JsonNode sub = event.path("subscribed");
                        heartbeatNanos = (long) (sub.path("heartbeat_interval_seconds").asDouble(15) * 1e9);
                        frameworkId = sub.path("framework_id").path("value").asText();
                        listener.subscribed(frameworkId);
                    }
                    case "ERROR" -> throw new IllegalStateException(event.path("error").path("message").asText());
                    case "HEARTBEAT" -> { }
                    default -> listener.event(event);
                }
            }
        } catch (Exception e) {
            why = e.toString();
        }
        drop(s, why);
    }

    /** Forgets a stream (once) and subscribes again. */
    private synchronized void drop(Stream s, String why) {
        if (stream != s) {
            return;
        }
        stream = null;
        try {
            s.body().close();
        } catch (java.io.IOException ignored) {
            // the reader stops at the closed stream
        }
        if (!closed) {
            LOG.info("Event stream from {} lost ({}); subscribing again", s.master(), why);
            timer.schedule(this::subscribe, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends a call of the subscribed framework; dropped (logged) while there is no stream. */
    public void call(ObjectNode call) {
        Stream s = stream;
        String id = frameworkId;
        if (s == null || id == null) {
            LOG.debug("Not subscribed: {} dropped", call.path("type").asText());
            return;
        }
        call.putObject("framework_id").put("value", id);
        http.sendAsync(request(s.master(), call).header("Mesos-Stream-Id", s.id()).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                    if (e != null || r.statusCode() >= 400) {
                        LOG.info("{} answered {}", call.path("type").asText(), e != null ? e.toString()
                                : r.statusCode() + " " + r.body());
                    }
                });
    }

    private HttpRequest.Builder request(String to, ObjectNode call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tls.url(to) + "/api/v1/scheduler"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString()));
        return credential == null ? request : request.header("Authorization", credential.basicAuthorization());
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        Stream s = stream;
        if (s != null) {
            drop(s, "closed");
        }
        if (detector != null) {
            detector.close();
        }
        if (curator != null) {
            Zk.closeQuietly(curator, 3_000);
        }
    }
}
