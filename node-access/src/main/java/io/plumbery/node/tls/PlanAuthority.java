package io.plumbery.node.tls;

import io.plumbery.node.files.PrivateFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The plan's own certificate authority: made once per plan and kept with the plan's other private files
 * ({@code ca.pem}, and {@code ca-key.pem} at 0600), it issues each node a certificate for the names and addresses its
 * services are reached by, so that clients given {@code ca.pem} verify every endpoint of the cluster and nothing
 * else. Keys are EC P-256: small, fast to make, read by Java, curl, browsers and OpenSSL alike.
 */
public final class PlanAuthority {
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration NODE_LIFETIME = Duration.ofDays(825); // the longest browsers accept
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private PlanAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** The authority kept in {@code dir}, made there (0700 directory, 0600 key) the first time. */
    public static PlanAuthority in(Path dir, String planName) {
        Path cert = dir.resolve("ca.pem");
        Path keyFile = dir.resolve("ca-key.pem");
        try {
            if (Files.exists(cert) && Files.exists(keyFile)) {
                return new PlanAuthority((X509Certificate) Pem.certificates(Files.readString(cert)).get(0),
                        Pem.privateKey(Files.readString(keyFile)));
            }
            PlanAuthority made = create(planName);
            PrivateFiles.directories(dir);
            PrivateFiles.writeNew(keyFile, Pem.of("PRIVATE KEY", made.key.getEncoded()).getBytes(StandardCharsets.US_ASCII));
            PrivateFiles.writeNew(cert, made.certificatePem().getBytes(StandardCharsets.US_ASCII));
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the plan's certificate authority in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the plan's certificate authority in " + dir + " is unreadable: " + e.getMessage(), e);
        }
    }

    static PlanAuthority create(String planName) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500Name("CN=plumbery plan " + planName.replaceAll("[,=+<>#;\"\\\\]", "_") + " CA");
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new PlanAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /**
     * A certificate for one node: {@code names} (host names, the first one its common name) and {@code addresses}
     * (private and public) as subject alternative names, for both server and client use (services of the cluster
     * call each other with it).
     */
    public IssuedCertificate issue(List<String> names, List<InetAddress> addresses) {
        if (names.isEmpty() && addresses.isEmpty()) {
            throw new IllegalArgumentException("a node certificate needs at least one name or address");
        }
        try {
            KeyPair pair = newKeyPair();
            String cn = names.isEmpty() ? addresses.get(0).getHostAddress() : names.get(0);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(NODE_LIFETIME)),
                    new X500Name("CN=" + cn.replaceAll("[,=+<>#;\"\\\\]", "_")), pair.getPublic());
            List<GeneralName> alt = new ArrayList<>();
            names.forEach(n -> alt.add(new GeneralName(GeneralName.dNSName, n)));
            addresses.forEach(a -> alt.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate issued = sign(builder, key);
            return new IssuedCertificate(Pem.of("CERTIFICATE", issued.getEncoded()) + certificatePem(),
                    Pem.of("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + names + " " + addresses, e);
        }
    }

    /** The CA certificate, the one file clients need ({@code curl --cacert}). */
    public String certificatePem() {
        try {
            return Pem.of("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer);
            byte[] der = builder.build(contentSigner).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
