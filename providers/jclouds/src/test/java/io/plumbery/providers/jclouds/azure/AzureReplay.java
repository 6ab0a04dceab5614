package io.plumbery.providers.jclouds.azure;

import io.plumbery.providers.jclouds.cloud.CloudReplay;
import io.plumbery.providers.jclouds.cloud.ReplayServer;
import io.plumbery.providers.jclouds.cloud.ReplayServer.Reply;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Azure Resource Manager and Microsoft Entra ID's token endpoint replayed on 127.0.0.1 ({@link ReplayServer}), from
 * JSON files under {@code src/test/resources/azure/}. A request is scripted by its method and path, the
 * subscription, the resource group and {@code /providers/} left out: {@code GET Microsoft.Network/virtualNetworks/WebFox},
 * {@code PUT Microsoft.Compute/virtualMachines/web1}; the group itself is {@code PUT resourceGroups/plumbery-demo};
 * the token endpoint is {@link #TOKEN}; a long-running operation's URL is {@code GET /operations/NAME}.
 * {@link #MISSING} in a script is ARM's 404.
 */
final class AzureReplay extends CloudReplay {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";
    static final String TENANT = "72f988bf-0000-4000-8000-0000000000t1";
    static final String GROUP = "plumbery-demo";
    static final String TOKEN = "POST /" + TENANT + "/oauth2/token";
    static final String MISSING = "404";

    private static final String SUBSCRIPTION_PREFIX = "/subscriptions/" + SUBSCRIPTION + "/";
    private static final String GROUP_PREFIX = "resourcegroups/" + GROUP + "/providers/";

    AzureReplay() throws IOException {
        super(new ReplayServer("azure", "application/json; charset=utf-8", AzureReplay::key, AzureReplay::error));
        on(TOKEN, "token.json");
    }

    static AzureReplay forEachTest() {
        return CloudReplay.forEachTest(AzureReplay::new);
    }

    /** Resource Manager's base, as {@code azure.endpoint} takes it. */
    String endpoint() {
        return server.endpoint().replaceAll("/$", "");
    }

    /** Answers {@code key} with these files in turn, the last one from then on; {@link #MISSING} is a 404. */
    AzureReplay on(String key, String... files) {
        server.script(key, Arrays.stream(files).map(f -> f.equals(MISSING) ? new Reply(404, "error-not-found.json")
                : Reply.ok(f)).toArray(Reply[]::new));
        return this;
    }

    /** Answers {@code key} with these replies in turn, the last one from then on. */
    AzureReplay script(String key, Reply... replies) {
        server.script(key, replies);
        return this;
    }

    /** Answers {@code key} once with {@code status} and this ARM error document, then as scripted before. */
    AzureReplay failOnce(String key, int status, String file) {
        server.failOnce(key, status, file);
        return this;
    }

    /** A delete accepted (202) with the operation's URL in {@code Location}, the operation done when polled. */
    AzureReplay deleteAccepted(String key, String operation) {
        server.script(key, accepted(operation));
        server.script("GET /operations/" + operation, new Reply(200, null));
        return this;
    }

    static Reply accepted(String operation) {
        return new Reply(202, null, Map.of("Location", "{{endpoint}}operations/" + operation, "Retry-After", "0"));
    }

    /** A 429 with ARM's error and a {@code Retry-After} of that many seconds. */
    static Reply throttled(int seconds) {
        return new Reply(429, "error-throttled.json", Map.of("Retry-After", String.valueOf(seconds)));
    }

    List<ReplayServer.Exchange> requests(String key) {
        return server.exchanges().stream().filter(e -> key.equals(key(e))).toList();
    }

    List<String> calls() {
        return server.keys();
    }

    /** The keys of the requests that change something (not GET), the token's left out. */
    List<String> changes() {
        return calls().stream().filter(k -> !k.startsWith("GET ") && !k.equals(TOKEN)).toList();
    }

    private static String key(ReplayServer.Exchange exchange) {
        String path = exchange.path();
        if (path.startsWith(SUBSCRIPTION_PREFIX)) {
            path = path.substring(SUBSCRIPTION_PREFIX.length());
            if (path.toLowerCase(Locale.ROOT).startsWith(GROUP_PREFIX)) {
                path = path.substring(GROUP_PREFIX.length());
            } else if (path.toLowerCase(Locale.ROOT).startsWith("resourcegroups/")) {
                path = "resourceGroups/" + path.substring("resourcegroups/".length());
            }
        }
        return exchange.method() + " " + path;
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
    }
}
