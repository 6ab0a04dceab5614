package io.plumbery.runtime.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and one service certificate made by OpenSSL in {@code dir} (as a user bringing their own would make them):
 * {@code ca.pem}, {@code node.pem} (with {@code subjectAltName}), {@code node.key} (PKCS#8), and an unrelated
 * {@code other.pem} CA.
 */
public final class TestCertificates {
    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** {@code subjectAltName}: e.g. {@code IP:127.0.0.1,DNS:master1}. */
    public static TestCertificates make(Path dir, String subjectAltName) throws Exception {
        TestCertificates made = new TestCertificates(dir);
        made.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=test CA", "-keyout", "ca.key", "-out", "ca.pem");
        made.openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=service",
                "-keyout", "node.key", "-out", "node.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=" + subjectAltName + "\n");
        made.openssl("x509", "-req", "-in", "node.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "san.ext", "-out", "node.pem");
        made.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=other CA", "-keyout", "other.key", "-out", "other.pem");
        return made;
    }

    /** The service identity trusting {@code ca} ({@code ca.pem} or {@code other.pem}). */
    public Tls tls(String ca, boolean downgrade) {
        return Tls.of(dir.resolve("node.pem"), dir.resolve("node.key"), dir.resolve(ca), downgrade);
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}
