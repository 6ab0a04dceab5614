package io.plumbery.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process's TLS on a real server and client on loopback, with a CA and certificate made by OpenSSL (as a user
 * bringing their own would): HTTPS served, plain HTTP refused unless downgrade is allowed, only the named CA trusted.
 */
class TlsTest {
    @TempDir
    static Path dir;
    private HttpServer server;

    private static TestCertificates certificates;

    @BeforeAll
    static void authority() throws Exception {
        certificates = TestCertificates.make(dir, "IP:127.0.0.1,DNS:master1");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Tls.useForProcess(Tls.plain());
    }

    private String start(boolean downgrade) throws Exception {
        Tls.useForProcess(tls("ca.pem", downgrade));
        server = new HttpServer("tls-test", "127.0.0.1", 0, new Router().route(ex -> ex.text(200, "pong"), "/ping"));
        server.start();
        return "127.0.0.1:" + server.port();
    }

    @Test
    void servesHttpsThatAClientTrustingThePlansCaAccepts() throws Exception {
        String hostPort = start(false);
        Tls tls = Tls.forProcess();
        assertThat(tls.url(hostPort)).startsWith("https://");
        assertThat(get(tls.client().build(), tls.url(hostPort)).body()).isEqualTo("pong");
        // the internal client speaks it too
        HttpResponse<String> posted = new JsonClient(Duration.ofSeconds(5)).post(hostPort, "/ping", Map.of()).get(10, TimeUnit.SECONDS);
        assertThat(posted.statusCode()).isEqualTo(200);
    }

    @Test
    void plainHttpIsRefusedUnlessDowngradeIsAllowed() throws Exception {
        String strict = start(false);
        assertThatThrownBy(() -> get(HttpClient.newHttpClient(), "http://" + strict)).isInstanceOf(IOException.class);
        server.close();
        String lenient = start(true);
        assertThat(get(HttpClient.newHttpClient(), "http://" + lenient).body()).isEqualTo("pong");
        assertThat(get(Tls.forProcess().client().build(), "https://" + lenient).body()).isEqualTo("pong");
    }

    @Test
    void aClientTrustingAnotherAuthorityRefusesTheServer() throws Exception {
        String hostPort = start(false);
        HttpClient foreign = tls("other.pem", false).client().build();
        assertThatThrownBy(() -> get(foreign, "https://" + hostPort)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void environmentAsLibprocessReadsIt() {
        assertThat(Tls.fromEnvironment(Map.of()).enabled()).isFalse();
        assertThat(Tls.fromEnvironment(Map.of("LIBPROCESS_SSL_ENABLED", "false")).url("h:1")).isEqualTo("http://h:1");
        Tls on = Tls.fromEnvironment(Map.of("LIBPROCESS_SSL_ENABLED", "true",
                "LIBPROCESS_SSL_CERT_FILE", certificates.file("node.pem").toString(),
                "LIBPROCESS_SSL_KEY_FILE", certificates.file("node.key").toString(),
                "LIBPROCESS_SSL_CA_FILE", certificates.file("ca.pem").toString()));
        assertThat(on.enabled()).isTrue();
        assertThatThrownBy(() -> Tls.fromEnvironment(Map.of("LIBPROCESS_SSL_ENABLED", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LIBPROCESS_SSL_CERT_FILE");
        assertThatThrownBy(() -> Tls.of(certificates.file("node.pem"), certificates.file("ca.pem"), certificates.file("ca.pem"), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PKCS#8");
    }

    private static Tls tls(String ca, boolean downgrade) {
        return certificates.tls(ca, downgrade);
    }

    private static HttpResponse<String> get(HttpClient client, String base) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/ping")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
