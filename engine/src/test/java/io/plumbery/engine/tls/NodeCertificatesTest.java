package io.plumbery.engine.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.node.tls.IssuedCertificate;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeKeepsItsCertificateUntilItsNamesChange() throws Exception {
        NodeCertificates certs = NodeCertificates.in(dir, "web");
        IssuedCertificate first = certs.forNode("master1", List.of("master1"), List.of("10.0.0.11", "127.0.16.3"));
        IssuedCertificate again = NodeCertificates.in(dir, "web")
                .forNode("master1", List.of("master1"), List.of("10.0.0.11", "127.0.16.3"));
        assertEquals(first, again);
        assertEquals("[2:master1, 7:10.0.0.11, 7:127.0.16.3]", names(first));

        IssuedCertificate moved = certs.forNode("master1", List.of("master1"), List.of("10.0.0.12"));
        assertNotEquals(first.certificatePem(), moved.certificatePem());
        assertEquals("[2:master1, 7:10.0.0.12]", names(moved));
        assertTrue(moved.certificatePem().endsWith(certs.authorityPem()));
        assertTrue(certs.authorityFile().toFile().isFile());
    }

    private static String names(IssuedCertificate issued) throws Exception {
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(issued.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        return c.getSubjectAlternativeNames().stream().map(n -> n.get(0) + ":" + n.get(1))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
