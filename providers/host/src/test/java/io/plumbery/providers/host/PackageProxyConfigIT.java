package io.plumbery.providers.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The proxy's configuration against the real apt-cacher-ng, run in a network namespace of its own with
 * nothing but loopback: nothing it does can leave this host. A refusal is told apart from an attempt by its
 * status (403 at once; an allowed request is tried, and fails with 503 for want of a network) and by the
 * proxy's own log, which records a fetch only for the allowed requests. Needs root and apt-cacher-ng.
 */
class PackageProxyConfigIT {

    /** Request lines, and the status the proxy answers with. */
    private static final List<Map.Entry<String, String>> EXPECTED = List.of(
            Map.entry("GET http://example.org/ HTTP/1.1", "403"),
            Map.entry("GET http://deb.debian.org.example.org/debian/dists/bookworm/Release HTTP/1.1", "403"),
            Map.entry("GET http://deb.debian.org:8080/debian/dists/bookworm/Release HTTP/1.1", "403"),
            Map.entry("GET http://deb.debian.org/private/secret HTTP/1.1", "403"),
            Map.entry("GET http://deb.debian.org/debian/../../etc/passwd HTTP/1.1", "403"),
            Map.entry("GET http://127.0.0.1:3149/acng-report.html HTTP/1.1", "403"),
            Map.entry("GET /example.org/index.html HTTP/1.1", "403"),
            Map.entry("CONNECT deb.debian.org:443 HTTP/1.1", "403"),
            Map.entry("CONNECT bugs.debian.org:443 HTTP/1.1", "403"),
            Map.entry("GET http://deb.debian.org/debian/dists/bookworm/Release HTTP/1.1", "503"),
            Map.entry("GET http://security.debian.org/debian-security/dists/bookworm-security/Release HTTP/1.1",
                    "503"));

    @Test
    void refusesEverythingButDebianWithoutConnecting(@TempDir Path dir) throws Exception {
        assumeTrue(HostTools.isRoot(), "needs root (a network namespace of its own)");
        assumeTrue(HostTools.find(PackageProxy.COMMAND).isPresent(), "needs apt-cacher-ng");
        Path conf = dir.resolve("conf");
        Files.createDirectories(conf);
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(conf.resolve("acng.conf"),
                new PackageProxyConfig(dir, List.of("http://deb.debian.org/debian")).render()
                        + "Debug: 4\n"); // the error log then names every download begun

        StringBuilder script = new StringBuilder("""
                ip link set lo up
                apt-cacher-ng -c "$1" ForeGround=1 >/dev/null 2>&1 &
                trap 'kill $!' EXIT
                for i in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/3149) 2>/dev/null && break; sleep 0.1; done
                ask() {
                  exec 3<>/dev/tcp/127.0.0.1/3149
                  printf '%s\\r\\nHost: x\\r\\n\\r\\n' "$1" >&3
                  head -n 1 <&3 | cut -d ' ' -f 2
                  exec 3<&-
                }
                """);
        EXPECTED.forEach(e -> script.append("ask '").append(e.getKey()).append("'\n"));
        Exec.Result result = Exec.run(Duration.ofSeconds(60), List.of("unshare", "--net", "bash", "-c",
                script.toString(), "acng-test", conf.toString()));
        assertEquals(0, result.exit(), result.err());

        List<String> statuses = result.out().lines().toList();
        assertEquals(EXPECTED.size(), statuses.size(), result.out());
        for (int i = 0; i < EXPECTED.size(); i++) {
            assertEquals(EXPECTED.get(i).getValue(), statuses.get(i), EXPECTED.get(i).getKey());
        }

        String log = text(dir.resolve("log/apt-cacher.log"));
        System.out.println("PackageProxyConfigIT: the proxy's log:\n" + log);
        assertTrue(log.contains("|E|") && log.contains("example.org/"), "the refusal is logged: " + log);
        assertTrue(log.contains("debrep/dists/bookworm/Release [HTTP error, code: 503]"), log);
        for (String line : log.lines().toList()) {
            assertFalse(line.split("\\|")[1].equals("I"), "nothing was fetched: " + line);
        }
        String errors = text(dir.resolve("log/apt-cacher.err"));
        System.out.println("PackageProxyConfigIT: its error log:\n" + errors);
        List<String> begun = errors.lines().filter(l -> l.contains("Download of")).toList();
        assertEquals(2, begun.size(), errors);
        for (String line : begun) {
            assertTrue(line.contains("Download of debrep/") || line.contains("Download of secdeb/"),
                    "only Debian's archives were asked for: " + line);
        }
    }

    /** A log as bytes: the debug log may quote what it was sent, not always UTF-8. */
    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
