package io.plumbery.bootstrap.cloudconfig;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cloud-init modules that polish runs for a plan's cloud-config, in the order cloud-init runs them at boot
 * (Debian 12's {@code /etc/cloud/cloud.cfg}, cloud-init 22.4: {@code cloud_init_modules}, then
 * {@code cloud_config_modules}, then {@code cloud_final_modules}), each with the top-level keys it reads.
 * A module runs only when the document has one of its keys: modules that act on nothing (growpart, the
 * fingerprints on the console, the final message) are left to the boot.
 */
public enum CloudInitModule {
    // cloud_init_modules
    BOOTCMD("bootcmd"),
    /** the entries without {@code defer: true}; the deferred ones are written by {@link #WRITE_FILES_DEFERRED} */
    WRITE_FILES(doc -> writeFiles(doc, false), "write_files"),
    DISK_SETUP("disk_setup", "fs_setup", "device_aliases"),
    MOUNTS("mounts", "swap", "mount_default_fields"),
    SET_HOSTNAME("hostname", "fqdn", "prefer_fqdn_over_hostname", "preserve_hostname"),
    UPDATE_HOSTNAME("hostname", "fqdn", "prefer_fqdn_over_hostname", "preserve_hostname"),
    UPDATE_ETC_HOSTS("manage_etc_hosts"),
    CA_CERTS("ca_certs", "ca-certs"),
    RSYSLOG("rsyslog"),
    USERS_GROUPS("users", "groups"),
    SSH("ssh_authorized_keys", "disable_root", "disable_root_opts", "allow_public_ssh_keys", "ssh_keys",
            "ssh_deletekeys", "ssh_genkeytypes", "ssh_publish_hostkeys", "ssh_quiet_keygen"),
    // cloud_config_modules
    KEYBOARD("keyboard"),
    LOCALE("locale", "locale_configfile"),
    SET_PASSWORDS("chpasswd", "password", "ssh_pwauth"),
    APT_PIPELINING("apt_pipelining"),
    APT_CONFIGURE("apt"),
    NTP("ntp"),
    TIMEZONE("timezone"),
    /** writes the commands into the instance's {@code scripts/runcmd}; {@link #SCRIPTS_USER} runs them */
    RUNCMD("runcmd"),
    BYOBU("byobu_by_default"),
    // cloud_final_modules
    PACKAGE_UPDATE_UPGRADE_INSTALL("packages", "package_update", "package_upgrade", "apt_update", "apt_upgrade",
            "package_reboot_if_required", "apt_reboot_if_required"),
    WRITE_FILES_DEFERRED(doc -> writeFiles(doc, true), "write_files"),
    /** runs the instance's scripts, among them the one {@link #RUNCMD} wrote, as cloud-init's final stage does */
    SCRIPTS_USER("runcmd");

    private final List<String> keys;
    private final Predicate<Map<String, ?>> acts;

    CloudInitModule(String... keys) {
        this.keys = List.of(keys);
        this.acts = doc -> this.keys.stream().anyMatch(doc::containsKey);
    }

    CloudInitModule(Predicate<Map<String, ?>> acts, String... keys) {
        this.keys = List.of(keys);
        this.acts = acts;
    }

    /** The name {@code cloud-init single --name} takes, as in cloud.cfg: {@code write_files}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The top-level keys this module reads. */
    public List<String> keys() {
        return keys;
    }

    /** Whether this module has something to do for {@code document}. */
    public boolean actsOn(Map<String, ?> document) {
        return acts.test(document);
    }

    /** The modules that act on {@code document}, in cloud-init's order. */
    public static List<CloudInitModule> actingOn(Map<String, ?> document) {
        return java.util.Arrays.stream(values()).filter(m -> m.actsOn(document)).toList();
    }

    /** Whether some key of {@code document} is read by one of these modules. */
    public static boolean reads(String key) {
        return java.util.Arrays.stream(values()).anyMatch(m -> m.keys.contains(key));
    }

    private static boolean writeFiles(Map<String, ?> document, boolean deferred) {
        return document.get("write_files") instanceof List<?> files && files.stream()
                .anyMatch(f -> f instanceof Map<?, ?> entry && deferred == Boolean.TRUE.equals(entry.get("defer")));
    }
}
