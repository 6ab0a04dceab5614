package io.plumbery.runtime.http;

import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** POSTs JSON between our own master and agents (the internal protocol), over TLS when the process has it on. */
public final class JsonClient {
    private final Tls tls = Tls.forProcess();
    private final HttpClient client = tls.client().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;

    public JsonClient(Duration timeout) {
        this.timeout = timeout;
    }

    public CompletableFuture<HttpResponse<String>> post(String hostPort, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tls.url(hostPort) + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
