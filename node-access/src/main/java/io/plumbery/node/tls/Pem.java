package io.plumbery.node.tls;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM text of DER bytes: the form every TLS server, client and {@code curl --cacert} reads. */
final class Pem {
    private Pem() {
    }

    static String of(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
