package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudInitBootTest {

    @Test
    void theFourStageUnitsAreMaskedAndOneUnitRunsTheStagesInOrder(@TempDir Path disk) throws Exception {
        CloudInitBoot.writeInto(disk);
        CloudInitBoot.writeInto(disk); // a node booted again after a crash gets the same files

        Path units = disk.resolve("etc/systemd/system");
        for (String unit : CloudInitBoot.STAGE_UNITS) {
            assertEquals(Path.of("/dev/null"), Files.readSymbolicLink(units.resolve(unit)), unit + " masked");
        }
        assertEquals(Path.of("/etc/systemd/system", CloudInitBoot.UNIT),
                Files.readSymbolicLink(units.resolve("multi-user.target.wants").resolve(CloudInitBoot.UNIT)));
        String unit = Files.readString(units.resolve(CloudInitBoot.UNIT));
        assertTrue(unit.contains("ExecStart=/usr/bin/python3 " + CloudInitBoot.DRIVER), unit);
        assertTrue(!unit.contains("Before=ssh") && !unit.contains("sysinit.target"), "sshd does not wait for it");

        Path driver = disk.resolve(CloudInitBoot.DRIVER.substring(1));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(driver)));
        String script = Files.readString(driver);
        int local = script.indexOf("[\"init\", \"--local\"]");
        int network = script.indexOf("[\"init\"]");
        int config = script.indexOf("\"--mode=config\"");
        int fin = script.indexOf("\"--mode=final\"");
        assertTrue(local > 0 && local < network && network < config && config < fin, "cloud-init's order: " + script);
    }
}
