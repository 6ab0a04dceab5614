package io.plumbery.providers.jclouds.gce;

import io.plumbery.providers.jclouds.cloud.CloudReplay;
import io.plumbery.providers.jclouds.cloud.ReplayServer;
import io.plumbery.providers.jclouds.cloud.ReplayServer.Reply;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * GCE's REST API and Google's OAuth token endpoint replayed on 127.0.0.1 ({@link ReplayServer}), from JSON files
 * under {@code src/test/resources/gce/}. A request is scripted by its method and path, the project's prefix left
 * out: {@code GET global/networks/demo-f-web}, {@code POST zones/europe-west1-b/instances}; the token endpoint is
 * {@code POST /oauth2/token}; a path outside the project (a public image) is written whole. {@link #MISSING} in a
 * script is GCE's 404.
 */
final class GceReplay extends CloudReplay {

    static final String PROJECT = "plumbery-test";
    static final String API = "/compute/v1";
    static final String TOKEN = "POST /oauth2/token";
    /** Node web1's console, which shows its SSH host keys unless a test says otherwise. */
    static final String SERIAL_PORT = "GET zones/europe-west1-b/instances/demo-web1/serialPort";
    /** A 404 with GCE's notFound document, which jclouds answers as null. */
    static final String MISSING = "404";

    private static final String PREFIX = API + "/projects/" + PROJECT + "/";

    GceReplay() throws IOException {
        super(new ReplayServer("gce", "application/json; charset=UTF-8", GceReplay::key, GceReplay::error));
        on(TOKEN, "token.json");
        on(SERIAL_PORT, "serial-port-keys.json");
    }

    static GceReplay forEachTest() {
        return CloudReplay.forEachTest(GceReplay::new);
    }

    /** The Compute API's base, as {@code gce.endpoint} takes it. */
    String computeEndpoint() {
        return server.endpoint() + API.substring(1);
    }

    String tokenEndpoint() {
        return server.endpoint() + "oauth2/token";
    }

    /** Answers {@code key} with these files in turn, the last one from then on; {@link #MISSING} is a 404. */
    GceReplay on(String key, String... files) {
        server.script(key, Arrays.stream(files).map(f -> f.equals(MISSING) ? new Reply(404, "error-not-found.json")
                : Reply.ok(f)).toArray(Reply[]::new));
        return this;
    }

    /** Answers {@code key} once with {@code status} and this GCE error document, then as scripted before. */
    GceReplay failOnce(String key, int status, String file) {
        server.failOnce(key, status, file);
        return this;
    }

    List<ReplayServer.Exchange> requests() {
        return server.exchanges();
    }

    List<ReplayServer.Exchange> requests(String key) {
        return server.exchanges().stream().filter(e -> key.equals(key(e))).toList();
    }

    /** The keys of the requests, in order. */
    List<String> calls() {
        return server.keys();
    }

    /** The keys of the requests that change something (not GET), the token's left out. */
    List<String> changes() {
        return calls().stream().filter(k -> !k.startsWith("GET ") && !k.equals(TOKEN)).toList();
    }

    private static String key(ReplayServer.Exchange exchange) {
        String path = exchange.path();
        return exchange.method() + " " + (path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path);
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":400,\"message\":\"" + message + "\",\"errors\":[{\"message\":\"" + message
                + "\",\"domain\":\"global\",\"reason\":\"" + code + "\"}]}}";
    }
}
