package io.plumbery.providers.jclouds.openstack;

import io.plumbery.providers.jclouds.cloud.CloudReplay;
import io.plumbery.providers.jclouds.cloud.ReplayServer;
import io.plumbery.providers.jclouds.cloud.ReplayServer.Reply;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keystone v3, Nova and Neutron replayed on 127.0.0.1 ({@link ReplayServer}), from JSON files under
 * {@code src/test/resources/openstack/}. Keystone's token answers with a service catalog whose compute and network
 * endpoints are this server. A request is scripted by its method and its path under its service:
 * {@code POST identity/auth/tokens}, {@code GET compute/servers/detail}, {@code POST network/networks}. A reply
 * {@link #EMPTY} is a 204 with no body, {@link #MISSING} Nova's 404.
 */
final class OpenStackReplay extends CloudReplay {

    static final String PROJECT = "7a2f0e1c9b3d4e5f8a6b1c2d3e4f5a6b";
    static final String TOKEN = "POST identity/auth/tokens";
    static final String SUBJECT_TOKEN = "gAAAAABplumberyReplayTokenNeverPrinted0001";
    static final String EMPTY = "204";
    static final String MISSING = "404";

    static final String NETWORK = "0f6a1c2e-0000-4000-8000-000000000001";
    static final String SUBNET = "0f6a1c2e-0000-4000-8000-000000000002";
    static final String ROUTER = "0f6a1c2e-0000-4000-8000-000000000003";
    static final String SECURITY_GROUP = "0f6a1c2e-0000-4000-8000-000000000005";
    static final String SERVER = "0f6a1c2e-0000-4000-8000-000000000006";
    static final String SERVER_PORT = "0f6a1c2e-0000-4000-8000-000000000007";
    static final String FLOATING_IP = "0f6a1c2e-0000-4000-8000-000000000008";
    static final String EXTERNAL = "0f6a1c2e-0000-4000-8000-00000000e001";

    private static final Map<String, String> SERVICES = Map.of("/identity/v3/", "identity/",
            "/compute/v2.1/" + PROJECT + "/", "compute/", "/network/v2.0/", "network/");

    OpenStackReplay() throws IOException {
        super(new ReplayServer("openstack", "application/json", OpenStackReplay::key, OpenStackReplay::error));
        token("token.json");
        on("GET network/extensions", "neutron-extensions.json");
    }

    /** Keystone answers the login with this token (its service catalog), {@link #SUBJECT_TOKEN} its id. */
    OpenStackReplay token(String file) {
        server.script(TOKEN, new Reply(201, file, Map.of("X-Subject-Token", SUBJECT_TOKEN)));
        return this;
    }

    static OpenStackReplay forEachTest() {
        return CloudReplay.forEachTest(OpenStackReplay::new);
    }

    /** Keystone's endpoint, as clouds.yaml's auth_url gives it. */
    String authUrl() {
        return server.endpoint() + "identity/v3";
    }

    /** Answers {@code key} with these files in turn, the last one from then on; see {@link #EMPTY}, {@link #MISSING}. */
    OpenStackReplay on(String key, String... files) {
        server.script(key, Arrays.stream(files).map(f -> switch (f) {
            case EMPTY -> new Reply(204, null);
            case MISSING -> new Reply(404, "error-server-not-found.json");
            default -> Reply.ok(f);
        }).toArray(Reply[]::new));
        return this;
    }

    /** Answers {@code key} with a status of its own ({@code 201} for Neutron's creates, {@code 202} for Nova's). */
    OpenStackReplay on(String key, int status, String file) {
        server.script(key, new Reply(status, file));
        return this;
    }

    OpenStackReplay failOnce(String key, int status, String file) {
        server.failOnce(key, status, file);
        return this;
    }

    List<ReplayServer.Exchange> requests(String key) {
        return server.exchanges().stream().filter(e -> key.equals(key(e))).toList();
    }

    List<ReplayServer.Exchange> requests() {
        return server.exchanges();
    }

    /** The keys of the requests that change something (not GET), the token's left out. */
    List<String> changes() {
        return server.keys().stream().filter(k -> !k.startsWith("GET ") && !k.equals(TOKEN)).toList();
    }

    private static String key(ReplayServer.Exchange exchange) {
        String path = exchange.path();
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            if (path.startsWith(service.getKey())) {
                return exchange.method() + " " + service.getValue() + path.substring(service.getKey().length());
            }
        }
        return exchange.method() + " " + path;
    }

    private static String error(String code, String message) {
        return "{\"NeutronError\": {\"type\": \"" + code + "\", \"message\": \"" + message + "\", \"detail\": \"\"}}";
    }
}
