package io.plumbery.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.plumbery.bootstrap.model.ClusterCredentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * How this machine talks to a deployed cluster's HTTP APIs: short timeouts (a node that does not answer is reported,
 * it does not stall the caller), the admin's credentials (HTTP Basic) on every request when it has them, and no
 * redirects followed: a standby master answers 307, and that is what callers look for.
 */
public final class ClusterHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** {@code Basic ...}; null for a cluster that asks for no credentials */
    private final String authorization;

    private final HttpClient http;

    /**
     * @param admin  the principal to ask as; null to send no credentials
     * @param client the client's TLS (trusting the plan's authority), without timeouts or redirects
     */
    public ClusterHttp(ClusterCredentials.Principal admin, HttpClient.Builder client) {
        this.authorization = admin == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (admin.name() + ":" + admin.secret()).getBytes(StandardCharsets.UTF_8));
        this.http = client.connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The body as JSON when the answer is 200, else empty. */
    Optional<JsonNode> json(String url) throws IOException {
        HttpResponse<String> response = get(url);
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    HttpResponse<String> get(String url) throws IOException {
        return send(request(url).GET().build());
    }

    HttpResponse<String> postJson(String url, Object body) throws IOException {
        return send(request(url).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
