package io.plumbery.providers.host;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole configuration of the host's package proxy, apt-cacher-ng's {@code acng.conf} (it reads nothing
 * else: the system's {@code /etc/apt-cacher-ng} is not used). What it allows is what its {@code Remap-}
 * lines name, and nothing more:
 *
 * <ul>
 *   <li>{@code ForceManaged}: a request is served only when its URL falls under a Remap line's list, and then
 *       fetched from that line's backends; anything else (another host, another path of a Debian host) is
 *       refused with 403 before any connection is made.</li>
 *   <li>two Remap lines: Debian's archive (deb.debian.org and the mirrors the nodes' images name, fetched
 *       from those mirrors) and its security archive (security.debian.org, deb.debian.org), nothing else.</li>
 *   <li>{@code PassThroughPattern} that matches no {@code host:port}: no CONNECT tunnel at all (apt-cacher-ng
 *       allows two by default); {@code AllowUserPorts: 80}; {@code RedirMax: 0}, no redirect followed.</li>
 *   <li>no report page and no local directories served; the one listener on the loopback address, its admin
 *       socket in the proxy's own directory.</li>
 * </ul>
 *
 * @param dir     the proxy's directory: {@code cache/}, {@code log/}, {@code socket}
 * @param mirrors Debian archive URLs the nodes' images use ({@code http://deb.debian.org/debian}), in order
 *                of preference
 */
public record PackageProxyConfig(Path dir, List<String> mirrors) {

    static final String ARCHIVE = "deb.debian.org/debian";
    static final String SECURITY = "deb.debian.org/debian-security";
    static final List<String> SECURITY_NAMES = List.of("security.debian.org/debian-security", SECURITY);

    public PackageProxyConfig {
        mirrors = List.copyOf(mirrors);
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("the package proxy needs at least one Debian mirror");
        }
        for (String mirror : mirrors) {
            if (!servable(mirror)) {
                throw new IllegalArgumentException("'" + mirror + "' is not an http:// URL of a Debian mirror");
            }
        }
    }

    /** A plain {@code http://} mirror URL: what apt-cacher-ng caches (it would only tunnel https). */
    public static boolean servable(String mirror) {
        return mirror.matches("http://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)*/?");
    }

    public String render() {
        Set<String> archive = new LinkedHashSet<>();
        archive.add(ARCHIVE);
        mirrors.forEach(m -> archive.add(bare(m)));
        Set<String> backends = new LinkedHashSet<>();
        mirrors.forEach(m -> backends.add(bare(m)));
        return "# plumbery's package proxy for offline nodes; written by plumbery, do not edit.\n"
                + "# Nodes reach it through their gateway's port " + PackageProxy.PORT + ", forwarded to the one"
                + " listener below;\n"
                + "# it fetches Debian's packages, from the backends of the Remap lines, and nothing else.\n"
                + "CacheDir: " + dir.resolve("cache") + "\n"
                + "LogDir: " + dir.resolve("log") + "\n"
                + "SocketPath: " + dir.resolve("socket") + "\n"
                + "SupportDir: /usr/lib/apt-cacher-ng\n"
                + "BindAddress: " + PackageProxy.LISTEN + ":" + PackageProxy.PORT + "\n"
                + "ForceManaged: 1\n"
                + "Remap-debrep: " + String.join(" ", archive) + " ; " + String.join(" ", backends) + "\n"
                + "Remap-secdeb: " + String.join(" ", SECURITY_NAMES) + " ; " + SECURITY + "\n"
                + "PassThroughPattern: ^$\n"
                + "AllowUserPorts: 80\n"
                + "RedirMax: 0\n"
                + "ReportPage:\n"
                + "VerboseLog: 1\n"
                + "UnbufferLogs: 1\n";
    }

    /** A mirror as Remap lines write it: no scheme, no trailing slash. */
    static String bare(String mirror) {
        String m = mirror.substring("http://".length());
        return m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
    }
}
