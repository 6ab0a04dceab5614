package io.plumbery.bootstrap.model;

import io.plumbery.node.tls.IssuedCertificate;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster's TLS as the bootstrap writes it: the plan's authority (what every service and client trusts) and the
 * certificate of each node that runs a service. With it, every service speaks HTTPS and calls the others over HTTPS
 * ({@code LIBPROCESS_SSL_*} in its env file); without it (null in {@link BootstrapPlan}), plain HTTP.
 */
public record ClusterTls(String authorityPem, Map<String, IssuedCertificate> certificates) {
    /** Where nodes keep the authority and their certificate (public); their key goes with the secrets. */
    public static final String DIR = "/etc/plumbery/tls";
    public static final String AUTHORITY_FILE = DIR + "/ca.pem";
    public static final String CERTIFICATE_FILE = DIR + "/node.pem";

    public ClusterTls {
        Objects.requireNonNull(authorityPem, "authorityPem");
        certificates = Map.copyOf(certificates);
    }

    /** The certificate issued to {@code node}. */
    public IssuedCertificate of(String node) {
        IssuedCertificate issued = certificates.get(node);
        if (issued == null) {
            throw new IllegalArgumentException("no certificate was issued to node " + node);
        }
        return issued;
    }

    @Override
    public String toString() {
        return "ClusterTls[" + certificates.keySet() + ", keys masked]";
    }
}
