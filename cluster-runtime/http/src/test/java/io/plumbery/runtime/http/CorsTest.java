package io.plumbery.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CORS flag on a real server: off by default, preflights answered for the origins it names and refused else. */
class CorsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    private String start(String flag) throws Exception {
        Router router = new Router().route(ex -> ex.json(200, java.util.Map.of("ok", true)), "/master/state");
        server = new HttpServer("cors-test", "127.0.0.1", 0, Cors.around(router, Cors.origins(flag)));
        server.start();
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> send(String url, String method, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/master/state"))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void offByDefault() throws Exception {
        String base = start(null);
        HttpResponse<String> r = send(base, "GET", "Origin", "http://elsewhere:8000");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        // no preflight handling either: OPTIONS goes to the API as before
        assertThat(send(base, "OPTIONS", "Origin", "http://elsewhere:8000", "Access-Control-Request-Method", "POST")
                .headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void aNamedOriginIsAllowedWithCredentialsAndItsPreflightAnswered() throws Exception {
        String base = start(" http://ui.example:8000/ , http://other.example");
        HttpResponse<String> preflight = send(base, "OPTIONS", "Origin", "http://ui.example:8000",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example:8000");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Content-Type");
        assertThat(preflight.headers().allValues("Vary")).contains("Origin");

        HttpResponse<String> get = send(base, "GET", "Origin", "http://ui.example:8000");
        assertThat(get.body()).isEqualTo("{\"ok\":true}");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://ui.example:8000");
    }

    @Test
    void anotherOriginIsRefusedItsPreflightAndGetsNoAllowingHeaders() throws Exception {
        String base = start("http://ui.example:8000");
        HttpResponse<String> preflight = send(base, "OPTIONS", "Origin", "http://evil.example",
                "Access-Control-Request-Method", "DELETE");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> get = send(base, "GET", "Origin", "http://evil.example");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void anyOriginWithAStarButNoCredentials() throws Exception {
        String base = start("*");
        HttpResponse<String> get = send(base, "GET", "Origin", "http://anywhere.example");
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(Cors.origins("")).isEqualTo(Set.of());
    }
}
