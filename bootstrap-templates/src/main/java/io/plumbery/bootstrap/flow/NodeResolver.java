package io.plumbery.bootstrap.flow;

import io.plumbery.node.ssh.Shell;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Points a node's resolver at the masters' Mesos-DNS, as DC/OS nodes resolve through their masters, so that
 * {@code APP.marathon.mesos} and {@code leader.mesos} resolve on every node:
 * <ul>
 *   <li>where systemd-resolved runs the node's {@code /etc/resolv.conf}, a drop-in gives it the masters for the
 *       {@code mesos} domain ({@code Domains=~mesos}), every other name going where it went before;</li>
 *   <li>elsewhere, the masters' {@code nameserver} lines between {@code # BEGIN plumbery} and {@code # END plumbery} at
 *       the top of {@code /etc/resolv.conf}, every other line kept below them (rewritten in place: containers often
 *       bind-mount it).</li>
 * </ul>
 * A resolver takes three {@code nameserver} lines at most, which the masters fill: the node's own resolvers (the lines
 * kept, or those systemd-resolved uses) become Mesos-DNS's upstream on a master ({@code DNS_RESOLVERS} in
 * {@link #UPSTREAM_FILE}), so other names still resolve where the node has a way out.
 */
final class NodeResolver {
    /** Read by the Mesos-DNS unit after its own env file. */
    static final String UPSTREAM_FILE = "/etc/plumbery/mesos-dns.resolvers.env";
    static final String RESOLVED_DROP_IN = "/etc/systemd/resolved.conf.d/50-plumbery.conf";

    /** What changed: the node's resolver settings, Mesos-DNS's upstream (its unit then restarts). */
    record Change(boolean resolver, boolean upstream) {
    }

    private NodeResolver() {
    }

    /**
     * The script, as root; it prints {@code resolver} and {@code upstream} for what it changed. {@code onNode} maps a
     * node path to where the script finds it (tests run nodes in a directory).
     */
    static String script(List<String> masters, boolean runsDns, UnaryOperator<String> onNode) {
        String addresses = String.join(" ", masters);
        return "m=" + Shell.quote(addresses) + "; r=" + Shell.quote(onNode.apply("/etc/resolv.conf"))
                + "; d=" + Shell.quote(onNode.apply(RESOLVED_DROP_IN)) + "; u=" + Shell.quote(onNode.apply(UPSTREAM_FILE))
                + "; block=$(for a in $m; do echo \"nameserver $a\"; done); "
                + "if [ -L \"$r\" ] && systemctl is-active --quiet systemd-resolved 2>/dev/null; then "
                + "want=$(printf '[Resolve]\\nDNS=%s\\nDomains=~mesos' \"$m\"); "
                + "if [ \"$(cat \"$d\" 2>/dev/null)\" != \"$want\" ]; then mkdir -p \"$(dirname \"$d\")\" && "
                + "printf '%s\\n' \"$want\" > \"$d\" && systemctl try-reload-or-restart systemd-resolved && echo resolver; fi; "
                + "own=$(grep -s '^nameserver' /run/systemd/resolve/resolv.conf); "
                + "else [ -f \"$r\" ] || : > \"$r\"; "
                + "cur=$(awk '/^# BEGIN plumbery$/{on=1;next} /^# END plumbery$/{on=0;next} on' \"$r\"); "
                + "rest=$(awk '/^# BEGIN plumbery$/{skip=1;next} /^# END plumbery$/{skip=0;next} !skip' \"$r\"); "
                + "if [ \"$cur\" != \"$block\" ] || ! grep -q '^# END plumbery$' \"$r\"; then "
                + "t=$(mktemp) && { echo '# BEGIN plumbery'; printf '%s\\n' \"$block\"; echo '# END plumbery'; "
                + "[ -z \"$rest\" ] || printf '%s\\n' \"$rest\"; } > \"$t\" && cat \"$t\" > \"$r\" && rm -f \"$t\" "
                + "&& echo resolver; fi; own=$(printf '%s\\n' \"$rest\" | grep '^nameserver'); fi; "
                + (runsDns ? upstream() : "true");
    }

    /** The node's own resolvers but the masters and resolved's stub, as Mesos-DNS's upstream, comma-separated. */
    private static String upstream() {
        return "list=$(printf '%s\\n' \"$own\" | awk -v m=\" $m \" "
                + "'$1==\"nameserver\" && index(m, \" \" $2 \" \")==0 && $2!=\"127.0.0.53\" {print $2}' | paste -sd, -); "
                + "want=\"DNS_RESOLVERS=$list\"; "
                + "if [ \"$(cat \"$u\" 2>/dev/null)\" != \"$want\" ]; then printf '%s\\n' \"$want\" > \"$u\" && echo upstream; fi";
    }

    static Change changes(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        return new Change(lines.contains("resolver"), lines.contains("upstream"));
    }
}
