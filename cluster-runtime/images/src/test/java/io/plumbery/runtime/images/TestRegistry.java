package io.plumbery.runtime.images;

import io.plumbery.runtime.http.TestCertificates;
import io.plumbery.runtime.http.Tls;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's {@code docker-registry} (distribution 2.8) on 127.0.0.1, with a configuration of its own: filesystem
 * storage in a temporary directory, and, when asked, TLS from a test CA and htpasswd (bcrypt) authentication.
 */
public final class TestRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";
    public static final String USER = "pusher";
    public static final String PASSWORD = "s3cret-" + Long.toHexString(new SecureRandom().nextLong());

    private final Process process;
    private final int port;
    private final TestCertificates certificates;

    private TestRegistry(Process process, int port, TestCertificates certificates) {
        this.process = process;
        this.port = port;
        this.certificates = certificates;
    }

    /** Why the tests that need it cannot run here, or null when they can. */
    public static String unavailable() {
        return Files.isExecutable(Path.of(BINARY)) ? null
                : BINARY + " is absent (apt-get install docker-registry; bin/test installs it)";
    }

    public static TestRegistry start(Path dir, boolean secured) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("storage"));
        StringBuilder config = new StringBuilder("""
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("storage"), port));
        TestCertificates certificates = null;
        if (secured) {
            certificates = TestCertificates.make(Files.createDirectories(dir.resolve("tls")), "IP:127.0.0.1,DNS:localhost");
            byte[] salt = new byte[16];
            new SecureRandom().nextBytes(salt);
            Files.writeString(dir.resolve("htpasswd"),
                    USER + ":" + OpenBSDBCrypt.generate("2y", PASSWORD.toCharArray(), salt, 6) + "\n");
            config.append("""
                      tls:
                        certificate: %s
                        key: %s
                    auth:
                      htpasswd:
                        realm: plumbery-registry
                        path: %s
                    """.formatted(certificates.file("node.pem"), certificates.file("node.key"), dir.resolve("htpasswd")));
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config.toString());
        Process p = new ProcessBuilder(List.of(BINARY, "serve", file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        TestRegistry registry = new TestRegistry(p, port, certificates);
        registry.awaitUp(dir.resolve("registry.log"));
        return registry;
    }

    private void awaitUp(Path log) throws Exception {
        HttpClient http = client().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url() + "/v2/")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("docker-registry did not answer within 30 s: " + Files.readString(log));
    }

    /** {@code localhost:PORT}, as image names spell it. */
    public String hostPort() {
        return "localhost:" + port;
    }

    public String url() {
        return (certificates != null ? "https://" : "http://") + hostPort();
    }

    /** A client builder trusting the test CA (and only it) when the registry has TLS. */
    public HttpClient.Builder client() {
        return certificates == null ? HttpClient.newBuilder()
                : Tls.of(certificates.file("node.pem"), certificates.file("node.key"), certificates.file("ca.pem"), false)
                .client();
    }

    /** The test CA's certificate (PEM), null without TLS. */
    public Path caFile() {
        return certificates == null ? null : certificates.file("ca.pem");
    }

    public RegistryCredentials credentials() {
        return certificates == null ? RegistryCredentials.none()
                : RegistryCredentials.of(hostPort(), new RegistryCredentials.Login(USER, PASSWORD));
    }

    public Registries registries() {
        return Registries.of(url(), client(), credentials());
    }

    /** A Docker client config ({@code --docker_config}) with this registry's login. */
    public Path dockerConfig(Path file) throws IOException {
        String auth = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "{\"auths\":{\"" + hostPort() + "\":{\"auth\":\"" + auth + "\"}}}");
        return file;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
