package io.plumbery.fittings.load;

import io.plumbery.fittings.model.Glue;
import io.plumbery.fittings.model.PortRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a node's {@code glue} lines: {@code internet icmp 22 udp:137..138} (a public address and what it is
 * open to, as plumbery's firewall rules have it) or {@code NETWORK [ADDRESS] [NICTYPE]} (a further network).
 */
final class GlueReader {

    /** {@code 22}, {@code :22}, {@code tcp:22}, {@code udp:137..138}, {@code 8000..8010} (TCP unless said). */
    private static final Pattern PORTS = Pattern.compile("(?:(tcp|udp)?:)?(\\d+)(?:\\.\\.(\\d+))?");

    /** A host part ({@code .11}) or a whole address ({@code 10.3.0.11}). */
    private static final Pattern ADDRESS = Pattern.compile("\\.?[0-9]+(\\.[0-9]+){0,3}");
    /** The network cards that VMware-based clouds (plumbery's MCP among them) offer. */
    private static final java.util.Set<String> NIC_TYPES = java.util.Set.of("e1000", "e1000e", "vmxnet3",
            "enhanced_vmxnet2", "flexible_pcnet32", "rtl8139");

    private GlueReader() {
    }

    static List<Glue> read(YamlMap m) {
        List<Glue> glue = new ArrayList<>();
        for (Map.Entry<String, org.yaml.snakeyaml.nodes.Node> item : m.stringItems("glue")) {
            String[] words = item.getKey().trim().split("\\s+");
            if (!words[0].equals("internet")) {
                network(words).ifPresentOrElse(glue::add, () -> m.source().error(item.getValue(), "glue '"
                        + item.getKey() + "' in " + m.what() + ": write 'internet PORT...' or 'NETWORK [ADDRESS] "
                        + "[NICTYPE]' (e.g. 'backend .11', 'storage vmxnet3'); ports go with 'internet'"
                        + Suggestions.closest(words[words.length - 1], NIC_TYPES).map(c -> "; did you mean '" + c + "'?")
                        .orElse("")));
                continue;
            }
            List<PortRule> rules = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                String word = words[i];
                rule(word).ifPresentOrElse(rules::add, () -> m.source().error(item.getValue(), "bad port '" + word
                        + "' in glue '" + item.getKey() + "' of " + m.what() + ": " + whyNot(word)));
            }
            glue.add(Glue.publicAddress(rules));
        }
        return glue;
    }

    /** {@code NETWORK}, {@code NETWORK ADDRESS}, {@code NETWORK NICTYPE} or {@code NETWORK ADDRESS NICTYPE}. */
    private static Optional<Glue> network(String[] words) {
        int next = 1;
        String address = null;
        if (next < words.length && ADDRESS.matcher(words[next]).matches()) {
            address = words[next++];
        }
        String nicType = null;
        if (next < words.length && NIC_TYPES.contains(words[next].toLowerCase(Locale.ROOT))) {
            nicType = words[next++].toLowerCase(Locale.ROOT);
        }
        return next == words.length ? Optional.of(Glue.network(words[0], address, nicType)) : Optional.empty();
    }

    /** The rule a word of an {@code internet} line stands for, or empty when it is none. */
    static Optional<PortRule> rule(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("icmp")) {
            return Optional.of(PortRule.icmp());
        }
        Matcher m = PORTS.matcher(lower);
        if (!m.matches()) {
            return Optional.empty();
        }
        PortRule.Protocol protocol = "udp".equals(m.group(1)) ? PortRule.Protocol.UDP : PortRule.Protocol.TCP;
        try {
            int first = Integer.parseInt(m.group(2));
            int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
            return Optional.of(new PortRule(protocol, first, last));
        } catch (IllegalArgumentException e) { // too many digits, out of range, or reversed
            return Optional.empty();
        }
    }

    private static String whyNot(String word) {
        Matcher m = PORTS.matcher(word.toLowerCase(Locale.ROOT));
        if (m.matches() && m.group(3) != null && m.group(2).length() < 6 && m.group(3).length() < 6
                && Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))) {
            return "a range goes from its first port up to its last, e.g. udp:137..138";
        }
        String why = "ports are numbers from 1 to " + PortRule.MAX_PORT;
        if (word.equalsIgnoreCase("any") || word.equalsIgnoreCase("ip") || word.toLowerCase(Locale.ROOT).endsWith(":any")) {
            return why + "; opening every port is not supported: name the ports or a range, e.g. tcp:8000..8010";
        }
        return why;
    }
}
