package io.plumbery.node.tls;

/**
 * A node's TLS identity as its services read it: {@code certificatePem} is the node's certificate followed by the
 * plan's CA (the chain a server presents), {@code privateKeyPem} its key in PKCS#8 ({@code BEGIN PRIVATE KEY}),
 * which plain Java reads without any provider.
 */
public record IssuedCertificate(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
        return "IssuedCertificate[key masked]";
    }
}
