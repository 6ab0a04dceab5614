package io.plumbery.bootstrap.cloudconfig;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudInitModuleTest {

    /** Debian 12's /etc/cloud/cloud.cfg (cloud-init 22.4.2): the three stages' lists, one after the other. */
    private static final List<String> DEBIAN_12_ORDER = List.of(
            "migrator", "seed_random", "bootcmd", "write-files", "growpart", "resizefs", "disk_setup", "mounts",
            "set_hostname", "update_hostname", "update_etc_hosts", "ca-certs", "rsyslog", "users-groups", "ssh",
            "snap", "ssh-import-id", "keyboard", "locale", "set-passwords", "grub-dpkg", "apt-pipelining",
            "apt-configure", "ntp", "timezone", "disable-ec2-metadata", "runcmd", "byobu",
            "package-update-upgrade-install", "fan", "landscape", "lxd", "write-files-deferred", "puppet", "chef",
            "mcollective", "salt-minion", "reset_rmc", "refresh_rmc_and_interface", "rightscale_userdata",
            "scripts-vendor", "scripts-per-once", "scripts-per-boot", "scripts-per-instance", "scripts-user",
            "ssh-authkey-fingerprints", "keys-to-console", "install-hotplug", "phone-home", "final-message",
            "power-state-change");

    @Test
    void theModulesComeInCloudInitsOwnOrder() {
        List<String> ours = Arrays.stream(CloudInitModule.values()).map(CloudInitModule::id).toList();
        List<String> theirs = DEBIAN_12_ORDER.stream().map(m -> m.replace('-', '_')).filter(ours::contains).toList();
        assertEquals(ours, theirs, "every module is one of cloud.cfg's, in its order");
    }

    @Test
    void onlyTheModulesReadingAKeyOfTheDocumentRunAndRuncmdIsRunByScriptsUser() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runcmd", List.of("touch /root/marker"));
        doc.put("packages", List.of("htop"));
        doc.put("users", List.of("default"));
        doc.put("bootcmd", List.of("true"));
        doc.put("timezone", "Europe/Paris");
        doc.put("write_files", List.of(Map.of("path", "/etc/a", "content", "a")));

        assertEquals(List.of(CloudInitModule.BOOTCMD, CloudInitModule.WRITE_FILES, CloudInitModule.USERS_GROUPS,
                CloudInitModule.TIMEZONE, CloudInitModule.RUNCMD, CloudInitModule.PACKAGE_UPDATE_UPGRADE_INSTALL,
                CloudInitModule.SCRIPTS_USER), CloudInitModule.actingOn(doc));
    }

    @Test
    void deferredFilesAreWrittenInTheFinalStageAndOnlyThere() {
        Map<String, Object> deferred = Map.of("write_files", List.of(Map.of("path", "/etc/b", "defer", true)));
        Map<String, Object> both = Map.of("write_files", List.of(Map.of("path", "/etc/a"), Map.of("path", "/etc/b", "defer", true)));

        assertEquals(List.of(CloudInitModule.WRITE_FILES_DEFERRED), CloudInitModule.actingOn(deferred));
        assertEquals(List.of(CloudInitModule.WRITE_FILES, CloudInitModule.WRITE_FILES_DEFERRED), CloudInitModule.actingOn(both));
    }

    @Test
    void hostnameSshAndTheModulesWithSeveralKeys() {
        assertEquals(List.of(CloudInitModule.SET_HOSTNAME, CloudInitModule.UPDATE_HOSTNAME),
                CloudInitModule.actingOn(Map.of("fqdn", "web1.example.com")));
        assertEquals(List.of(CloudInitModule.SSH), CloudInitModule.actingOn(Map.of("ssh_authorized_keys", List.of("k"))));
        assertEquals(List.of(CloudInitModule.DISK_SETUP, CloudInitModule.MOUNTS),
                CloudInitModule.actingOn(Map.of("fs_setup", List.of(), "mounts", List.of())));
        assertEquals(List.of(CloudInitModule.APT_CONFIGURE, CloudInitModule.NTP),
                CloudInitModule.actingOn(Map.of("apt", Map.of(), "ntp", Map.of("enabled", true))));
        assertEquals("package_update_upgrade_install", CloudInitModule.PACKAGE_UPDATE_UPGRADE_INSTALL.id());
        assertTrue(CloudInitModule.reads("package_upgrade"));
        assertFalse(CloudInitModule.reads("power_state"), "polish never reboots a node behind its back");
    }
}
