package io.plumbery.engine.tls;

import io.plumbery.node.files.PrivateFiles;
import io.plumbery.node.tls.IssuedCertificate;
import io.plumbery.node.tls.PlanAuthority;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates of a plan's nodes, kept in the plan's {@code tls/} directory beside its authority: a node's
 * certificate is issued once and given again unchanged on every later run (so that polish finds nothing to change),
 * and issued anew only when the node's names or addresses change or it comes within a month of expiring.
 */
public final class NodeCertificates {
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

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
        return dir.resolve("ca.pem");
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
