package io.plumbery.runtime.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The process's TLS settings, read as Mesos's libprocess reads them, from the environment of every service:
 * {@code LIBPROCESS_SSL_ENABLED=true} makes every server of the process speak HTTPS and every call it makes to
 * another service use {@code https://}; {@code LIBPROCESS_SSL_CERT_FILE} and {@code LIBPROCESS_SSL_KEY_FILE} (PEM: the
 * certificate chain, and a PKCS#8 key) are its identity; {@code LIBPROCESS_SSL_CA_FILE} the authority its calls trust
 * (only that one); {@code LIBPROCESS_SSL_SUPPORT_DOWNGRADE=true} lets its servers also answer plain HTTP on the same
 * port. Process-wide like libprocess's: one owner, set once at start ({@link #useForProcess} for in-process clusters).
 */
public final class Tls {
    private static final Tls PLAIN = new Tls(null, null, false);
    private static volatile Tls process;

    private final KeyStore identity;
    private final SSLContext clientContext;
    private final boolean downgrade;

    private Tls(KeyStore identity, SSLContext clientContext, boolean downgrade) {
        this.identity = identity;
        this.clientContext = clientContext;
        this.downgrade = downgrade;
    }

    /** No TLS: plain HTTP everywhere (the default, as Mesos's). */
    public static Tls plain() {
        return PLAIN;
    }

    /** TLS with this identity (certificate chain and key, PEM) whose calls trust only {@code caFile}. */
    public static Tls of(Path certFile, Path keyFile, Path caFile, boolean downgrade) {
        try {
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("service", key(Files.readString(keyFile)), new char[0],
                    certificates(Files.readString(certFile)).toArray(Certificate[]::new));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate ca : certificates(Files.readString(caFile))) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            return new Tls(identity, client, downgrade);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS files " + certFile + ", " + keyFile + ", " + caFile, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the TLS files " + certFile + ", " + keyFile + ", " + caFile
                    + " do not hold a PEM certificate chain, a PKCS#8 key and a CA: " + e.getMessage(), e);
        }
    }

    /** The settings that the {@code LIBPROCESS_SSL_*} variables of {@code env} give (plain when not enabled). */
    public static Tls fromEnvironment(Map<String, String> env) {
        if (!Boolean.parseBoolean(env.getOrDefault("LIBPROCESS_SSL_ENABLED", "false").strip())) {
            return PLAIN;
        }
        String cert = required(env, "LIBPROCESS_SSL_CERT_FILE");
        String key = required(env, "LIBPROCESS_SSL_KEY_FILE");
        String ca = env.getOrDefault("LIBPROCESS_SSL_CA_FILE", cert);
        return of(Path.of(cert), Path.of(key), Path.of(ca),
                Boolean.parseBoolean(env.getOrDefault("LIBPROCESS_SSL_SUPPORT_DOWNGRADE", "false").strip()));
    }

    /** This process's settings: from its environment, unless {@link #useForProcess} chose others first. */
    public static Tls forProcess() {
        Tls current = process;
        if (current == null) {
            synchronized (Tls.class) {
                if (process == null) {
                    process = fromEnvironment(System.getenv());
                }
                current = process;
            }
        }
        return current;
    }

    /** Sets this process's settings: for clusters that run in one JVM (tests), before any service starts. */
    public static synchronized void useForProcess(Tls tls) {
        process = tls;
    }

    public boolean enabled() {
        return identity != null;
    }

    /** {@code https://host:port} or {@code http://host:port}: the base URL of another service of the cluster. */
    public String url(String hostPort) {
        return (enabled() ? "https://" : "http://") + hostPort;
    }

    /** A client builder that, with TLS on, trusts only the cluster's authority (names and addresses are verified). */
    public HttpClient.Builder client() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        return enabled() ? builder.sslContext(clientContext) : builder;
    }

    /** What {@link #client} trusts, for TLS sockets of one's own; null without TLS. */
    public SSLContext clientContext() {
        return clientContext;
    }

    boolean downgrade() {
        return downgrade;
    }

    KeyStore identity() {
        return identity;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must name a file when LIBPROCESS_SSL_ENABLED=true");
        }
        return value.strip();
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (all.isEmpty()) {
            throw new GeneralSecurityException("no certificate found");
        }
        return all;
    }

    private static PrivateKey key(String pem) throws GeneralSecurityException {
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException("the key is not PKCS#8 (BEGIN PRIVATE KEY); convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }
}
