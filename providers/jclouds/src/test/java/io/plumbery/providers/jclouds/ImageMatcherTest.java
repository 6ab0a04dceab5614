package io.plumbery.providers.jclouds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbery.providers.ProviderException;

import java.util.List;

import org.jclouds.compute.domain.Image;
import org.jclouds.compute.domain.ImageBuilder;
import org.jclouds.compute.domain.OperatingSystem;
import org.jclouds.compute.domain.OsFamily;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageMatcherTest {

    private static final List<Image> IMAGES = List.of(
            image("1", OsFamily.UBUNTU, "14.04", true, "Ubuntu Server 14.04 LTS"),
            image("2", OsFamily.UBUNTU, "14.04", false, "Ubuntu Server 14.04 LTS"),
            image("3", OsFamily.UBUNTU, "16.04", true, "Ubuntu Server 16.04 LTS"),
            image("4", OsFamily.CENTOS, "7.1", true, "CentOS 7.1"),
            image("5", OsFamily.CENTOS, "7.4", true, "CentOS 7.4"),
            image("6", OsFamily.CENTOS, "6.7", true, "CentOS 6.7"),
            image("7", OsFamily.RHEL, "6.4", true, "Red Hat Enterprise Linux 6.4"),
            image("8", OsFamily.RHEL, "6.4", false, "Red Hat Enterprise Linux 6.4"),
            image("ami-17", OsFamily.WINDOWS, "2012 R2", true, "Windows Server 2012 R2 Standard"));

    @ParameterizedTest
    @CsvSource({
        "Ubuntu 14, 1",
        "ubuntu, 3",
        "Ubuntu 16.04, 3",
        "CentOS 7, 5",
        "CentOS 6, 6",
        "RedHat 6 64-bit 4 CPU, 7",
        "RedHat 6 32-bit, 8",
        "Win2012 R2 Std 4 CPU, ami-17",
        "ami-17, ami-17",
    })
    void plumberyAppliancesPickOneImage(String appliance, String id) throws ProviderException {
        assertEquals(id, ImageMatcher.match(appliance, IMAGES, "test").getId());
    }

    @Test
    void noMatchListsTheClosestImagesFirst() {
        ProviderException error = assertThrows(ProviderException.class,
                () -> ImageMatcher.match("Ubunto 14", IMAGES, "test"));
        assertFalse(error.retryable());
        String message = error.getMessage();
        assertTrue(message.startsWith("no image on test matches appliance 'Ubunto 14'; closest: 1 (Ubuntu Server"),
                message);
        assertTrue(message.contains("option jclouds.image"), message);
    }

    @Test
    void aVersionNumberIsNotASubstring() {
        assertThrows(ProviderException.class, () -> ImageMatcher.match("CentOS 4", IMAGES, "test"));
    }

    @Test
    void anEmptyApplianceIsAnError() {
        assertThrows(ProviderException.class, () -> ImageMatcher.match(" ", IMAGES, "test"));
    }

    @Test
    void levenshtein() {
        assertEquals(1, ImageMatcher.levenshtein("ubunto", "ubuntu"));
        assertEquals(3, ImageMatcher.levenshtein("kitten", "sitting"));
        assertTrue(ImageMatcher.compareVersions("14.10", "14.4") > 0);
    }

    private static Image image(String id, OsFamily family, String version, boolean is64Bit, String description) {
        return new ImageBuilder().ids(id).name(description).description(description)
                .operatingSystem(new OperatingSystem(family, description, version, null, description, is64Bit))
                .status(Image.Status.AVAILABLE).build();
    }
}
