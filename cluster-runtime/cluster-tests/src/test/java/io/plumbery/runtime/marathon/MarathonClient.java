package io.plumbery.runtime.marathon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test client of Marathon's REST API and its /v2/events stream (java.net.http only), over TLS when the process has
 * it on, with a credential when given one.
 */
final class MarathonClient implements AutoCloseable {
    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final Tls tls = Tls.forProcess();
    private final HttpClient http = tls.client().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String endpoint;
    private final Credential credential;
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private volatile InputStream stream;

    MarathonClient(String endpoint) {
        this(endpoint, null);
    }

    MarathonClient(String endpoint, Credential credential) {
        this.endpoint = endpoint;
        this.credential = credential;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(tls.url(endpoint) + path));
        return credential == null ? b : b.header("Authorization", credential.basicAuthorization());
    }

    Reply send(String method, String path, String json) throws Exception {
        return send(method, path, json, "application/json");
    }

    /** A GET that accepts {@code accept} (a body that is not JSON is in {@code raw()} only). */
    Reply get(String path, String accept) throws Exception {
        return send("GET", path, null, accept);
    }

    private Reply send(String method, String path, String json, String accept) throws Exception {
        HttpRequest.Builder b = request(path)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Accept", accept)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") && !r.body().isEmpty()) {
            body = MarathonJson.MAPPER.readTree(r.body());
        }
        return new Reply(r.statusCode(), body, r);
    }

    Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    /** Running tasks of an app, from GET /v2/apps/{id}/tasks. */
    List<JsonNode> running(String appId) throws Exception {
        Reply r = get("/v2/apps" + appId + "/tasks");
        if (r.status() != 200) {
            return List.of();
        }
        List<JsonNode> out = new java.util.ArrayList<>();
        r.body().path("tasks").forEach(t -> {
            if (t.path("state").asText().equals("TASK_RUNNING")) {
                out.add(t);
            }
        });
        return out;
    }

    /** Opens /v2/events and collects every event (the JSON of each {@code data:} line) until closed. */
    void listen() throws Exception {
        HttpRequest request = request("/v2/events")
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        stream = r.body();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(MarathonJson.MAPPER.readTree(line.substring(6)));
                    }
                }
            } catch (Exception ignored) {
                // closed
            }
        }, "test-sse");
        reader.setDaemon(true);
        reader.start();
    }

    List<JsonNode> events(String type) {
        return events.stream().filter(e -> e.path("eventType").asText().equals(type)).toList();
    }

    @Override
    public void close() throws Exception {
        InputStream in = stream;
        if (in != null) {
            in.close();
        }
    }
}
