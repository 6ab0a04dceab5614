package io.plumbery.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.RecordIo;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A small v1 scheduler written only against the Mesos HTTP API (java.net.http, JSON, RecordIO): it knows nothing of
 * the master's internals. Events are collected; UPDATEs carrying a uuid are acknowledged automatically.
 */
final class SchedulerClient implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(2)).build();
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    /** System.nanoTime() at which events.get(i) was read off the stream. */
    final List<Long> receivedNanos = new CopyOnWriteArrayList<>();
    private volatile String master;
    private volatile String streamId;
    private volatile String frameworkId;
    private volatile InputStream stream;
    private volatile boolean autoAck = true;

    SchedulerClient(String master) {
        this.master = master;
    }

    String frameworkId() {
        return frameworkId;
    }

    void autoAck(boolean on) {
        autoAck = on;
    }

    static ObjectNode frameworkInfo(String name, String id, double failoverTimeout, boolean partitionAware) {
        ObjectNode fi = Json.object().put("user", "root").put("name", name).put("failover_timeout", failoverTimeout);
        fi.putArray("roles").add("*");
        ArrayNode caps = fi.putArray("capabilities");
        caps.addObject().put("type", "MULTI_ROLE");
        if (partitionAware) {
            caps.addObject().put("type", "PARTITION_AWARE");
        }
        if (id != null) {
            fi.putObject("id").put("value", id);
        }
        return fi;
    }

    static ObjectNode withCapability(ObjectNode frameworkInfo, String capability) {
        ((ArrayNode) frameworkInfo.get("capabilities")).addObject().put("type", capability);
        return frameworkInfo;
    }

    /** SUBSCRIBE (following a 307 from a non-leader); returns once SUBSCRIBED has arrived. */
    void subscribe(String masterEndpoint, ObjectNode frameworkInfo) throws Exception {
        this.master = masterEndpoint;
        ObjectNode call = Json.object().put("type", "SUBSCRIBE");
        call.putObject("subscribe").set("framework_info", frameworkInfo);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + masterEndpoint + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SUBSCRIBE answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes()));
        }
        this.master = response.uri().getHost() + ":" + response.uri().getPort();
        this.streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
        this.stream = response.body();
        InputStream in = stream;
        Thread reader = new Thread(() -> read(in), "scheduler-events");
        reader.setDaemon(true);
        reader.start();
        JsonNode subscribed = await(e -> e.path("type").asText().equals("SUBSCRIBED"), 10);
        frameworkId = subscribed.path("subscribed").path("framework_id").path("value").asText();
    }

    String streamId() {
        return streamId;
    }

    String master() {
        return master;
    }

    private void read(InputStream in) {
        try {
            byte[] record;
            while ((record = RecordIo.read(in)) != null) {
                long now = System.nanoTime();
                JsonNode event = Json.MAPPER.readTree(record);
                receivedNanos.add(now);
                events.add(event);
                JsonNode status = event.path("update").path("status");
                if (autoAck && event.path("type").asText().equals("UPDATE") && status.hasNonNull("uuid")) {
                    ObjectNode ack = call("ACKNOWLEDGE");
                    ObjectNode a = ack.putObject("acknowledge");
                    a.set("agent_id", status.path("agent_id"));
                    a.set("task_id", status.path("task_id"));
                    a.put("uuid", status.path("uuid").asText());
                    postAsync(ack);
                }
            }
        } catch (Exception e) {
            events.add(Json.object().put("type", "CLIENT_STREAM_CLOSED").put("error", e.toString()));
        }
    }

    ObjectNode call(String type) {
        ObjectNode call = Json.object().put("type", type);
        call.putObject("framework_id").put("value", frameworkId);
        return call;
    }

    int post(ObjectNode call) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + master + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Fire-and-forget call, as a scheduler acknowledges updates without stalling its event loop. */
    void postAsync(ObjectNode call) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + master + "/api/v1/scheduler"))
                .header("Content-Type", "application/json").header("Mesos-Stream-Id", streamId)
                .POST(HttpRequest.BodyPublishers.ofString(call.toString())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    /** Waits (bounded) for an event matching the predicate, among those received so far or later. */
    JsonNode await(Predicate<JsonNode> match, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode event : List.copyOf(events)) {
                if (match.test(event)) {
                    return event;
                }
            }
            synchronized (this) {
                wait(20);
            }
        }
        throw new AssertionError("No matching event within " + seconds + " s; got: " + events);
    }

    JsonNode awaitOffer(long seconds) throws InterruptedException {
        return awaitOffer(1.0, 128, seconds);
    }

    /** The first offer not used yet with at least the given cpus and mem. */
    JsonNode awaitOffer(double cpus, double mem, long seconds) throws InterruptedException {
        return await(e -> e.path("type").asText().equals("OFFERS") && unconsumed(e.path("offers").path("offers").get(0))
                && scalar(e.path("offers").path("offers").get(0), "cpus") >= cpus
                && scalar(e.path("offers").path("offers").get(0), "mem") >= mem, seconds).path("offers").path("offers").get(0);
    }

    static double scalar(JsonNode offer, String name) {
        for (JsonNode r : offer.path("resources")) {
            if (r.path("name").asText().equals(name)) {
                return r.path("scalar").path("value").asDouble();
            }
        }
        return 0;
    }

    private final java.util.Set<String> consumedOffers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private boolean unconsumed(JsonNode offer) {
        return offer != null && !consumedOffers.contains(offer.path("id").path("value").asText());
    }

    void consumed(JsonNode offer) {
        consumedOffers.add(offer.path("id").path("value").asText());
    }

    JsonNode awaitUpdate(String taskId, String state, long seconds) throws InterruptedException {
        return await(e -> e.path("type").asText().equals("UPDATE")
                && e.path("update").path("status").path("task_id").path("value").asText().equals(taskId)
                && e.path("update").path("status").path("state").asText().equals(state), seconds)
                .path("update").path("status");
    }

    /** DECLINE the offer, refusing nothing afterwards. */
    void decline(JsonNode offer) throws Exception {
        consumed(offer);
        ObjectNode call = call("DECLINE");
        ObjectNode d = call.putObject("decline");
        d.putArray("offer_ids").add(offer.path("id"));
        d.putObject("filters").put("refuse_seconds", 0.0);
        int status = post(call);
        if (status != 202) {
            throw new IllegalStateException("DECLINE answered " + status);
        }
    }

    /** ACCEPT the offer with one shell task using the given cpus/mem. */
    int launch(JsonNode offer, String taskId, String shellCommand, double cpus, double mem) throws Exception {
        return launch(offer, taskId, shellCommand, cpus, mem, (ArrayNode) null);
    }

    /** Same, with CommandInfo.uris for the fetcher. */
    int launch(JsonNode offer, String taskId, String shellCommand, double cpus, double mem, ArrayNode uris)
            throws Exception {
        return launch(offer, taskId, shellCommand, cpus, mem, task -> {
            if (uris != null) {
                ((ObjectNode) task.get("command")).set("uris", uris);
            }
        });
    }

    /** Same, letting the caller add to the TaskInfo (health_check, kill_policy...). */
    int launch(JsonNode offer, String taskId, String shellCommand, double cpus, double mem,
               java.util.function.Consumer<ObjectNode> taskInfo) throws Exception {
        consumed(offer);
        ObjectNode call = call("ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").add(offer.path("id"));
        ObjectNode op = accept.putArray("operations").addObject().put("type", "LAUNCH");
        ObjectNode task = op.putObject("launch").putArray("task_infos").addObject();
        task.put("name", taskId);
        task.putObject("task_id").put("value", taskId);
        task.set("agent_id", offer.path("agent_id"));
        ArrayNode res = task.putArray("resources");
        res.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", cpus);
        res.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", mem);
        ObjectNode cmd = task.putObject("command").put("shell", true).put("value", shellCommand);
        cmd.putObject("environment").putArray("variables").addObject().put("name", "GREETING").put("value", "hello");
        taskInfo.accept(task);
        accept.putObject("filters").put("refuse_seconds", 0.0);
        return post(call);
    }

    @Override
    public void close() throws Exception {
        InputStream in = stream;
        if (in != null) {
            in.close();
        }
    }
}
