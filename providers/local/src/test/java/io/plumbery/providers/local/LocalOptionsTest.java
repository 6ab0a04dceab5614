package io.plumbery.providers.local;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalOptionsTest {

    private static ProviderSettings settings(Map<String, String> options) {
        return new ProviderSettings("p", Path.of("/w"), new SshIdentity(Path.of("/k"), "ssh-ed25519 A", "u"), options);
    }

    @Test
    void defaults() throws Exception {
        LocalOptions o = LocalOptions.from(settings(Map.of()));
        assertEquals(Path.of("/w/local"), o.stateDir());
        assertEquals("auto", o.rootfs());
        assertEquals(Duration.ofSeconds(300), o.bootTimeout());
        assertTrue(o.installTools());
        assertTrue(o.limits());
        assertFalse(o.quiet());
        assertTrue(o.imageCache().endsWith(Path.of("plumbery", "images")));
    }

    @Test
    void overrides() throws Exception {
        LocalOptions o = LocalOptions.from(settings(Map.of("imageCache", "/c", "stateDir", "/s", "rootfs", "copy",
                "bootTimeoutSeconds", "60", "limits", "false", "quiet", "yes", "mirror", "http://m/debian")));
        assertEquals(Path.of("/c"), o.imageCache());
        assertEquals(Path.of("/s"), o.stateDir());
        assertEquals("copy", o.rootfs());
        assertEquals(Duration.ofSeconds(60), o.bootTimeout());
        assertFalse(o.limits());
        assertTrue(o.quiet());
        assertEquals("http://m/debian", o.mirror());
    }

    @Test
    void badValuesAreErrorsUnknownKeysAreReported() {
        assertThrows(ProviderException.class, () -> LocalOptions.from(settings(Map.of("rootfs", "zfs"))));
        assertThrows(ProviderException.class, () -> LocalOptions.from(settings(Map.of("bootTimeoutSeconds", "0"))));
        assertThrows(ProviderException.class, () -> LocalOptions.from(settings(Map.of("limits", "maybe"))));
        assertEquals(List.of("regionId"), settings(Map.of("regionId", "x", "quiet", "true")).unknownOptions(LocalOptions.KEYS));
    }
}
