package io.plumbery.node.ssh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Host keys from a node's console output: cloud-init prints them between
 * {@code -----BEGIN SSH HOST KEY KEYS-----} and {@code -----END SSH HOST KEY KEYS-----}. A provider that
 * can read the console but has no API for host keys fills {@code SshEndpoint.hostKey} from here.
 */
public final class ConsoleHostKeys {
    private static final String BEGIN = "-----BEGIN SSH HOST KEY KEYS-----";
    private static final String END = "-----END SSH HOST KEY KEYS-----";
    private static final List<String> PREFERENCE = List.of("ssh-ed25519", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");

    private ConsoleHostKeys() {
    }

    /** Every key line ({@code type base64 [comment]}) of the last host-key block, in console order. */
    public static List<String> parse(String console) {
        List<String> keys = new ArrayList<>();
        boolean inside = false;
        for (String raw : console.split("\\r?\\n")) {
            // console lines may carry a prefix such as "ci-info: " or a kernel timestamp
            int begin = raw.indexOf(BEGIN);
            if (begin >= 0) {
                keys.clear();
                inside = true;
                continue;
            }
            if (raw.contains(END)) {
                inside = false;
                continue;
            }
            if (inside) {
                for (String type : PREFERENCE) {
                    int at = raw.indexOf(type + " ");
                    if (at >= 0) {
                        keys.add(raw.substring(at).strip());
                        break;
                    }
                }
            }
        }
        return keys;
    }

    /** The strongest key of the console's block: ed25519, then ECDSA, then RSA. */
    public static Optional<String> preferred(String console) {
        return parse(console).stream().min(Comparator.comparingInt(line -> PREFERENCE.indexOf(line.split(" ")[0])));
    }
}
