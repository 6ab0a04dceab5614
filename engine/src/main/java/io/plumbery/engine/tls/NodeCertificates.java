package io.plumbery.engine.tls;

import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.ClusterTls;
import io.plumbery.node.files.PrivateFiles;
import io.plumbery.node.tls.IssuedCertificate;
import io.plumbery.node.tls.PlanAuthority;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates of a plan's nodes, kept in the plan's {@code tls/} directory beside its authority: a node's
 * certificate is issued once and given again unchanged on every later run (so that polish finds nothing to change),
 * and issued anew only when the node's names or addresses change or it comes within a month of expiring.
 */
public final class NodeCertificates {
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

    private final Path dir;
    private final PlanAuthority authority;

    private NodeCertificates(Path dir, PlanAuthority authority) {
        this.dir = dir;
        this.authority = authority;
    }

    /** The certificates kept in {@code dir} (the workspace's {@code tls/}), with the plan's authority made there. */
    public static NodeCertificates in(Path dir, String planName) {
        return new NodeCertificates(dir, PlanAuthority.in(dir, planName));
    }

    /** The file clients are given to trust the cluster ({@code curl --cacert}). */
    public Path authorityFile() {
        return authorityFile(dir);
    }

    public static Path authorityFile(Path dir) {
        return dir.resolve("ca.pem");
    }

    /**
     * A client that trusts the plan's authority kept in {@code dir} and nothing else; before the plan has one (it is
     * made by the first polish), the default client.
     */
    public static HttpClient.Builder client(Path dir) {
        return trusting(dir).map(HttpClient.newBuilder()::sslContext).orElseGet(HttpClient::newBuilder);
    }

    /** TLS that trusts the plan's authority kept in {@code dir} and nothing else; empty before the plan has one. */
    public static Optional<SSLContext> trusting(Path dir) {
        Path ca = authorityFile(dir);
        if (!Files.exists(ca)) {
            return Optional.empty();
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(ca)) {
                trust.setCertificateEntry("plan", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ca, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ca + " is not a certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The cluster's TLS for the bootstrap: the authority, and a certificate for each node that runs a service, for its
     * name and its private and public addresses (host names the node is reached by go in as names).
     */
    public ClusterTls cluster(List<BootstrapNode> nodes) {
        Map<String, IssuedCertificate> issued = new LinkedHashMap<>();
        for (BootstrapNode n : nodes) {
            if (n.roles().isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>(List.of(n.name()));
            List<String> addresses = new ArrayList<>(List.of(n.privateAddress()));
            for (String other : new String[] {n.publicAddress(), n.reachableAddress()}) {
                if (other == null || other.isBlank() || addresses.contains(other) || names.contains(other)) {
                    continue;
                }
                (IP_LITERAL.matcher(other).matches() ? addresses : names).add(other);
            }
            issued.put(n.name(), forNode(n.name(), names, addresses));
        }
        return new ClusterTls(authorityPem(), issued);
    }

    public String authorityPem() {
        return authority.certificatePem();
    }

    /** The node's certificate for exactly these names and addresses (its host name first). */
    public synchronized IssuedCertificate forNode(String node, List<String> names, List<String> addresses) {
        Path cert = dir.resolve(node + ".pem");
        Path key = dir.resolve(node + "-key.pem");
        Path sans = dir.resolve(node + ".names");
        String wanted = String.join("\n", names) + "\n--\n" + String.join("\n", addresses) + "\n";
        try {
            if (Files.exists(cert) && Files.exists(key) && Files.exists(sans) && Files.readString(sans).equals(wanted)
                    && !expiring(Files.readString(cert))) {
                return new IssuedCertificate(Files.readString(cert), Files.readString(key));
            }
            List<InetAddress> ips = new ArrayList<>();
            for (String a : addresses) {
                ips.add(InetAddress.getByName(a)); // literal addresses only: no lookup happens
            }
            IssuedCertificate issued = authority.issue(names, ips);
            PrivateFiles.directories(dir);
            PrivateFiles.writeNew(key, issued.privateKeyPem().getBytes(StandardCharsets.US_ASCII));
            PrivateFiles.writeNew(cert, issued.certificatePem().getBytes(StandardCharsets.US_ASCII));
            PrivateFiles.writeNew(sans, wanted.getBytes(StandardCharsets.UTF_8));
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the certificate of " + node + " in " + dir, e);
        }
    }

    private static boolean expiring(String pem) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return c.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE));
        } catch (GeneralSecurityException unreadable) {
            return true;
        }
    }
}
