package io.plumbery.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic authentication on a real server: realms per route, 401 with the realm, the principal seen by handlers. */
class BasicAuthTest {
    private static final Credential ADMIN = new Credential("admin", "s3cr:et");
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer server;

    @TempDir
    Path dir;

    private String start(Credentials credentials) throws Exception {
        Router router = new Router()
                .route(ex -> ex.text(200, "who=" + ex.principal().orElse("-")), "/state", "/health", "/api/v1");
        BasicAuth.Realms realms = (method, path) -> switch (path) {
            case "/health" -> null;
            case "/api/v1" -> "test-readwrite";
            default -> "test-readonly";
        };
        server = new HttpServer("auth-test", "127.0.0.1", 0, BasicAuth.around(router, credentials, realms));
        server.start();
        return "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutCredentialsEverythingIsOpen() throws Exception {
        String base = start(null);
        assertThat(get(base + "/state", null).body()).isEqualTo("who=-");
        assertThat(get(base + "/api/v1", null).statusCode()).isEqualTo(200);
    }

    @Test
    void eachRealmAsksForCredentialsAndHandlersSeeThePrincipal() throws Exception {
        String base = start(Credentials.of(ADMIN));
        HttpResponse<String> refused = get(base + "/state", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"test-readonly\"");
        assertThat(get(base + "/api/v1", null).headers().firstValue("WWW-Authenticate"))
                .hasValue("Basic realm=\"test-readwrite\"");
        HttpResponse<String> admitted = get(base + "/state", ADMIN.basicAuthorization());
        assertThat(admitted.statusCode()).isEqualTo(200);
        assertThat(admitted.body()).isEqualTo("who=admin");
        assertThat(get(base + "/health", null).body()).isEqualTo("who=-");
        // an unknown path is not open: it is refused before anyone learns it does not exist
        assertThat(get(base + "/nowhere", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongSecretAPrincipalAloneOrAnotherSchemeIsRefused() throws Exception {
        String base = start(Credentials.of(ADMIN));
        assertThat(get(base + "/state", new Credential("admin", "s3cr").basicAuthorization()).statusCode()).isEqualTo(401);
        assertThat(get(base + "/state", new Credential("root", "s3cr:et").basicAuthorization()).statusCode()).isEqualTo(401);
        assertThat(get(base + "/state", "Basic !!!").statusCode()).isEqualTo(401);
        assertThat(get(base + "/state", "Bearer s3cr:et").statusCode()).isEqualTo(401);
        assertThat(get(base + "/state", "basic " + ADMIN.basicAuthorization().substring(6)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void credentialsFilesInMesosJsonAndTextForms() throws Exception {
        Path json = Files.writeString(dir.resolve("credentials.json"),
                "{\"credentials\":[{\"principal\":\"admin\",\"secret\":\"a\"},{\"principal\":\"marathon\",\"secret\":\"m\"}]}");
        Path text = Files.writeString(dir.resolve("credentials.txt"), "admin a\n\nmarathon   m\n");
        for (Path file : new Path[] {json, text}) {
            Credentials read = Credentials.read(file);
            assertThat(read.authenticate(new Credential("marathon", "m").basicAuthorization())).hasValue("marathon");
            assertThat(read.authenticate(new Credential("admin", "a").basicAuthorization())).hasValue("admin");
            assertThat(read.authenticate(new Credential("admin", "m").basicAuthorization())).isEmpty();
        }
        assertThatThrownBy(() -> Credentials.read(Files.writeString(dir.resolve("bad"), "{\"principal\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialFileSecretFileAndUserPassword() throws Exception {
        assertThat(Credential.read(Files.writeString(dir.resolve("c.json"), "{\"principal\":\"agent\",\"secret\":\"x y\"}\n")))
                .isEqualTo(new Credential("agent", "x y"));
        assertThat(Credential.read(Files.writeString(dir.resolve("c.txt"), "agent xy\n")))
                .isEqualTo(new Credential("agent", "xy"));
        assertThat(Credential.readSecret(Files.writeString(dir.resolve("secret"), " s e \n"))).isEqualTo(" s e ");
        assertThat(Credential.ofUserPassword("admin:pa:ss")).isEqualTo(new Credential("admin", "pa:ss"));
        assertThat(new Credential("admin", "pa:ss").toString()).doesNotContain("pa:ss");
        assertThatThrownBy(() -> Credential.ofUserPassword("admin")).isInstanceOf(IllegalArgumentException.class);
    }
}
