package io.plumbery.runtime.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages' handler on a real Jetty server, in front of an API that answers "api" to everything. */
class WebPagesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicReference<Optional<String>> leader = new AtomicReference<>(Optional.empty());
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        Handler api = new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                response.setStatus(200);
                response.write(true, ByteBuffer.wrap("api".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new WebPages(api, Page.MARATHON, leader::get));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAtTheRootWithItsPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<title>Marathon</title>").contains("/ui/marathon/main.js");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).startsWith("default-src 'self'");
    }

    @Test
    void servesModulesAndAnswersUnchangedOnesWith304() throws Exception {
        HttpResponse<String> module = get("/ui/marathon/main.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(module.body()).contains("import");
        String etag = module.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/ui/marathon/main.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/ui/common/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void answers404ForFilesItDoesNotHave() throws Exception {
        assertThat(get("/ui/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get("/ui/common/%2e%2e/mesos.html").statusCode()).isIn(400, 404);
        assertThat(get("/ui/.hidden.js").statusCode()).isEqualTo(404);
    }

    @Test
    void leavesEverythingElseToTheApi() throws Exception {
        assertThat(get("/v2/apps").body()).isEqualTo("api");
        assertThat(get("/index.html").body()).isEqualTo("api");
    }

    @Test
    void aStandbySendsTheBrowserToTheLeadersPage() throws Exception {
        leader.set(Optional.of("//10.0.0.9:8080"));
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(307);
        assertThat(page.headers().firstValue("Location")).hasValue("//10.0.0.9:8080/");
        assertThat(get("/ui/marathon/main.js").statusCode()).isEqualTo(200);
    }

    @Test
    void thePagesPolicyAllowsOnlyTheirOwnOrigin() throws Exception {
        for (String path : new String[] {"/", "/ui/marathon/main.js"}) {
            assertThat(policy(path)).contains("default-src 'self';").contains("script-src 'self';")
                    .contains("connect-src 'self';").doesNotContain("http:").doesNotContain("*");
        }
    }

    private String policy(String path) throws Exception {
        return get(path).headers().firstValue("Content-Security-Policy").orElseThrow();
    }
}
