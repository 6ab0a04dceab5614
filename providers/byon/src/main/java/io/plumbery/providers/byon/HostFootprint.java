package io.plumbery.providers.byon;

import io.plumbery.node.ssh.Shell;

/**
 * What plumbery puts on a machine it does not own, and how it takes it away again. The machine itself keeps a
 * note of what was there before ({@code /var/lib/plumbery-byon/TAG}: whether the plan's login user existed and
 * whether it already held the plan's key), so that clean-up undoes exactly what preparation did, even when the
 * plan's state was lost in between.
 *
 * <p>The paths below are those the bootstrap installs (units {@code plumbery-*}, {@code /etc/plumbery},
 * {@code /opt/plumbery}, {@code /var/lib/plumbery}, the service user, the {@code # BEGIN plumbery} block of
 * {@code /etc/hosts}) and the Docker containers agents start with a sandbox under {@code /var/lib/plumbery}. The
 * byon integration test checks that nothing else is left behind. Packages installed for the services or by the
 * plan's cloud-config stay: other software on the machine may use them.
 *
 * @param tag a name for this plan on the machine (the plan's name and a hash of its state directory, so that two
 *            plans of one name do not take each other's user away)
 */
record HostFootprint(String tag, String loginUser, String publicKey, String serviceUser) {

    private static final String NOTES = "/var/lib/plumbery-byon";

    String sudoers() {
        return "/etc/sudoers.d/plumbery-" + tag;
    }

    /** Makes the plan's login user able to log in with the plan's key and use sudo; prints what it found. */
    String prepare() {
        return "set -e; u=" + Shell.quote(loginUser) + "; k=" + Shell.quote(publicKey) + "; s=" + Shell.quote(sudoers())
                + "; n=" + NOTES + "/" + Shell.quote(tag) + "; "
                + "install -d -m 0700 " + NOTES + "; "
                + "created=no; if ! getent passwd \"$u\" >/dev/null; then useradd --create-home --shell /bin/bash \"$u\"; "
                + "created=yes; fi; "
                + "h=$(getent passwd \"$u\" | cut -d: -f6); g=$(id -gn \"$u\"); "
                + "install -d -m 0700 -o \"$u\" -g \"$g\" \"$h/.ssh\"; a=\"$h/.ssh/authorized_keys\"; "
                + "[ -f \"$a\" ] || install -m 0600 -o \"$u\" -g \"$g\" /dev/null \"$a\"; "
                + "key=present; grep -qxF \"$k\" \"$a\" || { printf '%s\\n' \"$k\" >> \"$a\"; key=added; }; "
                // the note is written once: a second preparation must not forget that the first created the user
                + "[ -f \"$n\" ] || printf 'created=%s\\nkey=%s\\n' \"$created\" \"$key\" > \"$n\"; "
                + "t=$(mktemp); printf '%s ALL=(ALL) NOPASSWD:ALL\\n' \"$u\" > \"$t\"; "
                + "visudo -cqf \"$t\"; install -m 0440 \"$t\" \"$s\"; rm -f \"$t\"; "
                + "cat \"$n\"";
    }

    /**
     * Stops and removes the cluster's services and files, then the plan's user or key as the note says. Exits
     * non-zero, naming what it could not remove, when something stays.
     */
    String remove() {
        String hostsBlock = "awk '/^# BEGIN plumbery$/{skip=1;next} /^# END plumbery$/{skip=0;next} !skip' /etc/hosts";
        return "u=" + Shell.quote(loginUser) + "; k=" + Shell.quote(publicKey) + "; n=" + NOTES + "/"
                + Shell.quote(tag) + "; svc=" + Shell.quote(serviceUser) + "; left=; "
                + "for unit in $(systemctl list-unit-files --no-legend 'plumbery-*' | awk '{print $1}'); do "
                + "systemctl disable --now \"$unit\" >/dev/null 2>&1 || true; done; "
                + "rm -f /etc/systemd/system/plumbery-*; systemctl daemon-reload; "
                + "systemctl reset-failed 'plumbery-*' >/dev/null 2>&1 || true; "
                + "if command -v docker >/dev/null 2>&1; then "
                + "for c in $(docker ps -aq --filter name=^mesos- 2>/dev/null); do "
                + "docker inspect --format '{{range .Mounts}}{{.Source}} {{end}}' \"$c\" | grep -q /var/lib/plumbery/ "
                + "&& docker rm -f \"$c\" >/dev/null; done; fi; "
                // tasks the agent started may outlive its unit: they run as the task user (nobody, whose other
                // processes are the machine's own), each in its sandbox under /var/lib/plumbery, or as the service user
                + "for p in /proc/[0-9]*; do case \"$(readlink \"$p/cwd\" 2>/dev/null)\" in /var/lib/plumbery/*) "
                + "kill -KILL \"${p#/proc/}\" 2>/dev/null;; esac; done; "
                + "gone() { for i in 1 2 3 4 5 6 7 8 9 10; do pgrep -u \"$1\" >/dev/null || return 0; sleep 0.3; done; "
                + "return 1; }; "
                + "if getent passwd \"$svc\" >/dev/null; then pkill -KILL -u \"$svc\"; gone \"$svc\"; "
                + "userdel \"$svc\" || left=\"$left user $svc;\"; fi; "
                + "if getent group \"$svc\" >/dev/null; then groupdel \"$svc\" || left=\"$left group $svc;\"; fi; "
                + "rm -rf /etc/plumbery /opt/plumbery /var/lib/plumbery; "
                + "if grep -q '^# BEGIN plumbery$' /etc/hosts; then t=$(mktemp); " + hostsBlock
                + " > \"$t\" && cat \"$t\" > /etc/hosts; rm -f \"$t\"; fi; "
                + "rm -f " + Shell.quote(sudoers()) + "; "
                + "created=$(sed -n 's/^created=//p' \"$n\" 2>/dev/null); key=$(sed -n 's/^key=//p' \"$n\" 2>/dev/null); "
                + "if [ \"$created\" = yes ]; then pkill -KILL -u \"$u\"; gone \"$u\"; "
                + "userdel -r \"$u\" 2>/dev/null || userdel \"$u\" || left=\"$left user $u;\"; "
                + "elif [ \"$key\" = added ] && h=$(getent passwd \"$u\" | cut -d: -f6) && [ -f \"$h/.ssh/authorized_keys\" ]; then "
                + "t=$(mktemp); grep -vxF \"$k\" \"$h/.ssh/authorized_keys\" > \"$t\"; cat \"$t\" > \"$h/.ssh/authorized_keys\"; "
                + "rm -f \"$t\"; fi; "
                + "rm -f \"$n\"; rmdir " + NOTES + " 2>/dev/null; "
                + "if [ -n \"$left\" ]; then echo \"could not remove:$left\" >&2; exit 1; fi";
    }

    /** Stops the cluster's services and leaves their files (the machine keeps running). */
    static String stopServices() {
        return "for unit in $(systemctl list-units --no-legend --plain 'plumbery-*' | awk '{print $1}'); do "
                + "systemctl stop \"$unit\" || true; done";
    }
}
