package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * GETs {@code /master/state}, with the DNS server's credential as Basic authentication when it has one; a master that
 * does not lead redirects to the one that does, which is followed.
 */
final class StateClient {
    private final Tls tls = Tls.forProcess();
    private final HttpClient http = tls.client().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Duration timeout;
    private final Credential credential;

    StateClient(Duration timeout, Credential credential) {
        this.timeout = timeout;
        this.credential = credential;
    }

    JsonNode state(String hostPort) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(tls.url(hostPort) + "/master/state"))
                .timeout(timeout).header("Accept", "application/json").GET();
        if (credential != null) {
            builder.header("Authorization", credential.basicAuthorization());
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        JsonNode state = Json.MAPPER.readTree(response.body());
        if (state.path("leader").asText("").isEmpty()) {
            throw new IOException("The state of " + hostPort + " names no leader");
        }
        return state;
    }
}
