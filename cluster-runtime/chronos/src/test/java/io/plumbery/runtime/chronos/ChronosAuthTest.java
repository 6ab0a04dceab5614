package io.plumbery.runtime.chronos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.plumbery.runtime.protocol.Json;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chronos's authentication: {@code --http_credentials} on its whole API (401 with {@code WWW-Authenticate} of its
 * realm), and toward the master its principal in the FrameworkInfo and its secret as Basic authentication.
 */
class ChronosAuthTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void everyApiCallAsksForTheCredentials() throws Exception {
        ChronosAuth auth = ChronosAuth.of("admin:s3cret", ChronosAuth.DEFAULT_REALM, null, null);
        try (ChronosServer chronos = new ChronosServer(ChronosConfig.of("127.0.0.1", 0, "127.0.0.1:1", null), auth)) {
            chronos.start();
            String jobs = "http://" + chronos.endpoint() + "/v1/scheduler/jobs";

            HttpResponse<String> without = get(jobs, null);
            assertThat(without.statusCode()).isEqualTo(401);
            assertThat(without.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Mesosphere\"");
            assertThat(get(jobs, "admin:wrong").statusCode()).isEqualTo(401);
            assertThat(get("http://" + chronos.endpoint() + "/leader", null).statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10)).until(chronos::isLeader);
            assertThat(get(jobs, "admin:s3cret").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void itSubscribesAsItsPrincipalWithItsSecret() throws Exception {
        LinkedBlockingQueue<String[]> subscribes = new LinkedBlockingQueue<>();
        HttpServer master = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        master.createContext("/api/v1/scheduler", exchange -> {
            subscribes.add(new String[] {exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        master.start();
        Path secret = Files.writeString(dir.resolve("chronos.secret"), "t0ps3cret\n");
        ChronosAuth auth = ChronosAuth.of(null, ChronosAuth.DEFAULT_REALM, "chronos", secret);
        ChronosConfig config = ChronosConfig.of("127.0.0.1", 0, "127.0.0.1:" + master.getAddress().getPort(), null)
                .withUser("nobody");
        try (ChronosServer chronos = new ChronosServer(config, auth)) {
            chronos.start();
            String[] subscribe = subscribes.poll(20, TimeUnit.SECONDS);

            assertThat(subscribe).isNotNull();
            assertThat(subscribe[0]).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("chronos:t0ps3cret".getBytes(StandardCharsets.UTF_8)));
            JsonNode info = Json.parse(subscribe[1]).path("subscribe").path("framework_info");
            assertThat(info.path("principal").asText()).isEqualTo("chronos");
            assertThat(info.path("user").asText()).isEqualTo("nobody");
        } finally {
            master.stop(0);
        }
    }

    private static HttpResponse<String> get(String url, String userPassword) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (userPassword != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(userPassword.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
