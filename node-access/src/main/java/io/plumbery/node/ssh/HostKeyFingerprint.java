package io.plumbery.node.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHException;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Locale;

/**
 * A host key's fingerprint as {@code ssh-keygen -lf} prints it, so that people can compare it with what the node
 * itself shows: {@code 256 SHA256:s87bfjLV1RX++1qlJI4Pgph7whnvSsRyHeCn2M0bJMg root@web1 (ED25519)}, "no comment" where
 * the key line has none.
 */
public final class HostKeyFingerprint {

    private HostKeyFingerprint() {
    }

    /** Of an OpenSSH public key line ({@code type base64 [comment]}). */
    public static String of(String keyLine) {
        String[] parts = keyLine.strip().split("\\s+", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("not an OpenSSH public key line: " + keyLine);
        }
        byte[] blob = Base64.getDecoder().decode(parts[1]);
        String comment = parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : "no comment";
        return bits(blob) + " " + KnownHosts.fingerprint(blob) + " " + comment + " (" + family(parts[0]) + ")";
    }

    private static String bits(byte[] blob) {
        try {
            PublicKey key = new Buffer.PlainBuffer(blob).readPublicKey();
            if (key instanceof RSAPublicKey rsa) {
                return String.valueOf(rsa.getModulus().bitLength());
            }
            if (key instanceof ECPublicKey ec) {
                return String.valueOf(ec.getParams().getCurve().getField().getFieldSize());
            }
            return "256"; // Ed25519, the one other kind OpenSSH still offers as a host key
        } catch (SSHException | RuntimeException e) {
            return "?";
        }
    }

    private static String family(String type) {
        if (type.startsWith("ecdsa-")) {
            return "ECDSA";
        }
        if (type.startsWith("sk-")) {
            return type.contains("ed25519") ? "ED25519-SK" : "ECDSA-SK";
        }
        return type.replaceFirst("^ssh-", "").toUpperCase(Locale.ROOT);
    }
}
