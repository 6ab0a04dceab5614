package io.plumbery.providers.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * cloud-init's boot on a local node: its four stages in one Python process, out of sshd's way.
 *
 * <p>Debian runs the stages as four units, each a Python process that imports cloud-init anew, and orders the
 * first two before {@code sysinit.target} and sshd. Booting a plan's nodes at once on a 2-core host, that was
 * most of the boot (about 3.8 s of CPU per node for the four, 1.9 s in one process). So the node's own disk
 * masks the four units and enables {@value #UNIT}, which runs the same stages, in the same order, with
 * cloud-init's own code ({@code cloud-init-boot.py}); sshd starts without waiting for it. Status, logs and the
 * result are cloud-init's usual files, so {@code cloud-init status} and polish read them as before.
 */
final class CloudInitBoot {

    static final List<String> STAGE_UNITS = List.of("cloud-init-local.service", "cloud-init.service",
            "cloud-config.service", "cloud-final.service");
    static final String UNIT = "plumbery-cloud-init.service";
    static final String DRIVER = "/usr/local/lib/plumbery/cloud-init-boot";
    /** Written by the last stage, in {@code /run}: so once per boot. */
    static final String RESULT = "/run/cloud-init/result.json";

    /**
     * The provider's readiness check (no Python): waits until this boot's stages have finished, then
     * fails with cloud-init's result when it lists errors, as {@code cloud-init status} would.
     */
    static final String READY_CHECK = "while [ ! -e " + RESULT + " ]; do sleep 0.2; done; "
            + "grep -q '\"errors\": \\[\\]' " + RESULT + " || { echo 'status: error'; cat " + RESULT + "; exit 1; }";

    static final String UNIT_TEXT = """
            # written by plumbery's local provider: cloud-init's four boot stages in one process (in place of
            # the four units masked beside this one), after the network, without holding sshd back
            [Unit]
            Description=cloud-init boot stages in one process (plumbery)
            Wants=network-online.target
            After=systemd-networkd-wait-online.service network-online.target
            Before=shutdown.target
            Conflicts=shutdown.target

            [Service]
            Type=oneshot
            ExecStart=/usr/bin/python3 %s
            RemainAfterExit=yes
            TimeoutSec=0
            KillMode=process
            TasksMax=infinity
            StandardOutput=journal+console

            [Install]
            WantedBy=multi-user.target
            """.formatted(DRIVER);

    private CloudInitBoot() {
    }

    /** Writes the masks, the unit (enabled) and the driver into the node's disk before its first boot. */
    static void writeInto(Path disk) throws IOException {
        Path units = disk.resolve("etc/systemd/system");
        Files.createDirectories(units.resolve("multi-user.target.wants"));
        for (String unit : STAGE_UNITS) {
            link(units.resolve(unit), Path.of("/dev/null"));
        }
        Files.writeString(units.resolve(UNIT), UNIT_TEXT);
        link(units.resolve("multi-user.target.wants").resolve(UNIT), Path.of("/etc/systemd/system", UNIT));
        Path driver = disk.resolve(DRIVER.substring(1));
        Files.createDirectories(driver.getParent());
        Files.writeString(driver, driverScript());
        Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String driverScript() {
        try (InputStream in = CloudInitBoot.class.getResourceAsStream("cloud-init-boot.py")) {
            if (in == null) {
                throw new IllegalStateException("cloud-init-boot.py missing from the provider's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}
