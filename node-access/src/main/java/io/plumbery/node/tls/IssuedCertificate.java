package io.plumbery.node.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

/**
 * A node's TLS identity as its services read it: {@code certificatePem} is the node's certificate followed by the
 * plan's CA (the chain a server presents), {@code privateKeyPem} its key in PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * which plain Java reads without any provider.
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem) {

    /** The identity as a JDK key store (PKCS#12 in memory, empty password), for a JDK HTTPS server. */
    public KeyStore keyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException impossible) {
            throw new GeneralSecurityException(impossible);
        }
        store.setKeyEntry("node", Pem.privateKey(privateKeyPem), new char[0],
                Pem.certificates(certificatePem).toArray(Certificate[]::new));
        return store;
    }

    @Override
    public String toString() {
        return "IssuedCertificate[key masked]";
    }
}
