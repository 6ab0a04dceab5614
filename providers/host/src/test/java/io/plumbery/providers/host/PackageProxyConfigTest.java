package io.plumbery.providers.host;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PackageProxyConfigTest {

    @Test
    void allowsDebianOnlyOnTheLoopbackAddress() {
        assertEquals("""
                # plumbery's package proxy for offline nodes; written by plumbery, do not edit.
                # Nodes reach it through their gateway's port 3149, forwarded to the one listener below;
                # it fetches Debian's packages, from the backends of the Remap lines, and nothing else.
                CacheDir: /c/plumbery/packages/cache
                LogDir: /c/plumbery/packages/log
                SocketPath: /c/plumbery/packages/socket
                SupportDir: /usr/lib/apt-cacher-ng
                BindAddress: 127.0.0.1:3149
                ForceManaged: 1
                Remap-debrep: deb.debian.org/debian ; deb.debian.org/debian
                Remap-secdeb: security.debian.org/debian-security deb.debian.org/debian-security ; deb.debian.org/debian-security
                PassThroughPattern: ^$
                AllowUserPorts: 80
                RedirMax: 0
                ReportPage:
                VerboseLog: 1
                UnbufferLogs: 1
                """, new PackageProxyConfig(Path.of("/c/plumbery/packages"), List.of("http://deb.debian.org/debian"))
                .render());
    }

    @Test
    void theImagesMirrorsAreAllowedAndFetchedFrom() {
        String config = new PackageProxyConfig(Path.of("/p"), List.of("http://mirror.example:8080/debian/",
                "http://deb.debian.org/debian")).render();
        assertEquals("Remap-debrep: deb.debian.org/debian mirror.example:8080/debian ; mirror.example:8080/debian "
                + "deb.debian.org/debian", config.lines().filter(l -> l.startsWith("Remap-debrep")).findFirst()
                .orElseThrow());
    }

    @Test
    void aMirrorIsAPlainHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> new PackageProxyConfig(Path.of("/p"), List.of()));
        for (String bad : List.of("https://deb.debian.org/debian", "http://x/debian ; evil.example",
                "http://x/debian\nForceManaged: 0", "file:/srv/debian")) {
            assertThrows(IllegalArgumentException.class, () -> new PackageProxyConfig(Path.of("/p"), List.of(bad)),
                    bad);
        }
    }

    @Test
    void nodesFindTheProxyAtTheirGateway() {
        assertEquals("""
                // written by plumbery: Debian's packages come through the host's package proxy, at the gateway
                Acquire::http::Proxy "http://10.77.3.1:3149/";
                """, PackageProxy.aptConf("10.77.3.1"));
    }
}
