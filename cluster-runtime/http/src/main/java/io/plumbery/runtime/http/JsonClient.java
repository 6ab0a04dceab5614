package io.plumbery.runtime.http;

import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs JSON between our own master and agents (the internal protocol), over TLS when the process has it on, with the
 * sender's {@link Credential} as Basic authentication when it has one.
 */
public final class JsonClient {
    private final Tls tls = Tls.forProcess();
    private final HttpClient client = tls.client().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;
    private final Credential credential;

    public JsonClient(Duration timeout) {
        this(timeout, null);
    }

    public JsonClient(Duration timeout, Credential credential) {
        this.timeout = timeout;
        this.credential = credential;
    }

    public CompletableFuture<HttpResponse<String>> post(String hostPort, String path, Object body) {
        return post(hostPort, path, body, Map.of());
    }

    /** A POST with these headers besides the content type and authorization. */
    public CompletableFuture<HttpResponse<String>> post(String hostPort, String path, Object body,
                                                        Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tls.url(hostPort) + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        if (credential != null) {
            request.header("Authorization", credential.basicAuthorization());
        }
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
