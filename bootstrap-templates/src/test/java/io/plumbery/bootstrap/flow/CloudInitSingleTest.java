package io.plumbery.bootstrap.flow;

import io.plumbery.bootstrap.cloudconfig.CloudInitModule;
import io.plumbery.node.ssh.CommandResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudInitSingleTest {

    private final CloudInitSingle packages = new CloudInitSingle(CloudInitModule.PACKAGE_UPDATE_UPGRADE_INSTALL,
            List.of("packages"), "/etc/plumbery/cloud-config.yaml", "/var/log/cloud-init.log");

    @Test
    void theScriptRunsTheModuleWithTheDocumentAndChecksTheLog() {
        String script = packages.script();

        assertTrue(script.contains("cloud-init --file /etc/plumbery/cloud-config.yaml single --name "
                + "package_update_upgrade_install --frequency always 2>&1; rc=$?"), script);
        assertTrue(script.contains("grep -q -e 'Ran package_update_upgrade_install but it failed'"), script);
    }

    @Test
    void aFailedPackageInstallSaysWhatAptSaidAndTheFailedCommand() {
        // what cloud-init 22.4.2 prints and logs for a package that does not exist (Debian 12)
        String stdout = """
                Cloud-init v. 22.4.2 running 'single' at Thu, 03 Dec 2026 08:33:46 +0000. Up 2928.17 seconds.
                Reading package lists...
                E: Unable to locate package no-such-package-xyz
                2026-12-03 08:33:54,041 - util.py[WARNING]: Failed to install packages: ['no-such-package-xyz']
                2026-12-03 08:33:54,063 - main.py[WARNING]: Ran package_update_upgrade_install but it failed!
                --- cloud-init.log
                Command: ['eatmydata', 'apt-get', '--option=Dpkg::Options::=--force-confold', 'install', 'no-such-package-xyz']
                Exit code: 100
                Stderr: -
                cloudinit.subp.ProcessExecutionError: Unexpected error while running command.
                Command: ['eatmydata', 'apt-get', '--option=Dpkg::Options::=--force-confold', 'install', 'no-such-package-xyz']
                Exit code: 100
                Stderr: -
                """;

        CloudInitSingle.Failure failure = packages.failure(new CommandResult("c", 1, stdout, ""), 3).orElseThrow();

        assertEquals("cloud-init module package_update_upgrade_install (packages) failed (exit 1): "
                + "cloudinit.subp.ProcessExecutionError: Unexpected error while running command. | Command: ['eatmydata', "
                + "'apt-get', '--option=Dpkg::Options::=--force-confold', 'install', 'no-such-package-xyz'] | Exit code: 100",
                failure.message());
        assertEquals(List.of("E: Unable to locate package no-such-package-xyz",
                "2026-12-03 08:33:54,041 - util.py[WARNING]: Failed to install packages: ['no-such-package-xyz']",
                "2026-12-03 08:33:54,063 - main.py[WARNING]: Ran package_update_upgrade_install but it failed!"),
                failure.tail());
    }

    @Test
    void withoutALogTheLastLineOfOutputIsTheReasonAndSuccessIsNoFailure() {
        CloudInitSingle.Failure failure = packages.failure(new CommandResult("c", 1, "one\ntwo\n", "it broke\n"), 5).orElseThrow();

        assertTrue(failure.message().endsWith("failed (exit 1): it broke"), failure.message());
        assertEquals(List.of("one", "two", "it broke"), failure.tail());
        assertTrue(packages.failure(new CommandResult("c", 0, "fine", ""), 5).isEmpty());
    }
}
