package io.plumbery.providers.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaseImageTest {

    @Test
    void mirrorFromDeb822Sources() {
        String text = """
                Types: deb
                # http://snapshot.debian.org/archive/debian/20250520T000000Z
                URIs: http://deb.debian.org/debian/
                Suites: bookworm bookworm-updates
                Components: main

                Types: deb
                URIs: http://deb.debian.org/debian-security
                Suites: bookworm-security
                """;
        assertEquals("http://deb.debian.org/debian", BaseImage.fromDeb822(text));
        assertNull(BaseImage.fromDeb822("Types: deb-src\nURIs: http://x/debian\nSuites: bookworm\n"));
    }

    @Test
    void mirrorFromOneLineSources() {
        assertEquals("http://mirror.example/debian", BaseImage.fromOneLine(
                "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main\n"));
        assertNull(BaseImage.fromOneLine("deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n"));
    }

    @Test
    void mirrorFallsBackToDebian(@TempDir Path apt) throws Exception {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/other.list"), "deb https://deb.nodesource.com/node nodistro main\n");
        assertEquals(BaseImage.DEFAULT_MIRROR, BaseImage.mirror(apt));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"),
                "Types: deb\nURIs: http://m.example/debian\nSuites: bookworm\nComponents: main\n");
        assertEquals("http://m.example/debian", BaseImage.mirror(apt));
    }

    @Test
    void imageNameIsAHashOfTheRecipe() {
        assertTrue(BaseImage.hash().matches("debian-bookworm-[0-9a-f]{12}"), BaseImage.hash());
        assertTrue(BaseImage.recipe().contains("datasource_list: [NoCloud, None]"));
        assertTrue(BaseImage.recipe().contains("cloud-init,default-jre-headless"));
        assertEquals(BaseImage.hash(), BaseImage.hash());
    }

    @Test
    void anUnfinishedBuildIsNotAnImage(@TempDir Path cache) throws Exception {
        Path image = cache.resolve(BaseImage.hash());
        Files.createDirectories(image.resolve("etc"));
        assertEquals(false, BaseImage.isComplete(image));
        Files.writeString(image.resolve("etc/plumbery-image"), BaseImage.recipe());
        assertTrue(BaseImage.isComplete(image));
    }
}
