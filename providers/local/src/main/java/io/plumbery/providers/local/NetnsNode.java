package io.plumbery.providers.local;

import io.plumbery.net.Subnet;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.CloudInit;
import io.plumbery.providers.host.Naming;

import java.nio.file.Path;

import static io.plumbery.providers.local.Machine.shell;

/**
 * The scripts of a {@code local-netns} node: no systemd and no cloud-init, only sshd as PID 1 of its own
 * PID, network, UTS and mount namespaces, chrooted into the node's overlay of the base image. The host
 * side ({@code boot.sh}) moves one end of a veth pair into the namespace and plugs the other into the
 * bridge; the namespace side ({@code inside.sh}) waits for it, sets the address and mounts the disk.
 */
final class NetnsNode {

    /** Bounded waits in the scripts: 200 x 50 ms. */
    private static final int TRIES = 200;

    private NetnsNode() {
    }

    static String veth(Machine.Spec spec) {
        return "vn-" + spec.machine();
    }

    /**
     * A fixed, locally administered MAC per node: after a restart the host's and the other nodes' ARP
     * entries for its address stay valid (a random MAC would leave them stale for many seconds).
     */
    static String mac(Machine.Spec spec) {
        String h = Naming.hash(spec.machine(), 10);
        return "02:" + h.substring(0, 2) + ":" + h.substring(2, 4) + ":" + h.substring(4, 6) + ":" + h.substring(6, 8)
                + ":" + h.substring(8, 10);
    }

    static String bootScript(Path dir, Machine.Spec spec) {
        String ready = shell(dir.resolve("net-ready").toString());
        String veth = veth(spec);
        return "#!/bin/sh\n# plumbery local-netns node '" + spec.name() + "' (host side)\n"
                + "rm -f " + ready + "\n"
                + "unshare --net --uts --ipc --mount --pid --fork --kill-child --propagation private /bin/sh "
                + shell(dir.resolve("inside.sh").toString()) + " &\n"
                + "child=$!\n"
                // unshare ignores SIGTERM while it waits: the node's PID 1 (sshd) gets it instead
                + "trap 'for p in $(cat /proc/$child/task/$child/children 2>/dev/null); do kill -TERM $p; done' "
                + "TERM INT HUP\n"
                + "i=0\n"
                + "while [ \"$(readlink /proc/$child/ns/net)\" = \"$(readlink /proc/$$/ns/net)\" ]; do\n"
                + "  i=$((i+1)); [ $i -gt " + TRIES + " ] && { kill $child; exit 71; }; sleep 0.05\n"
                + "done\n"
                + "ip link del " + veth + " 2>/dev/null\n"
                + "ip link add " + veth + " type veth peer name host0 address " + mac(spec) + " netns $child"
                + " || { kill $child; exit 72; }\n"
                + "ip link set " + veth + " master " + spec.bridge() + " up || { kill $child; exit 73; }\n"
                + "touch " + ready + "\n"
                + "wait $child; rc=$?\n"
                + "while kill -0 $child 2>/dev/null; do wait $child; rc=$?; done\n"
                + "ip link del " + veth + " 2>/dev/null\n"
                + "exit $rc\n";
    }

    static String insideScript(Path dir, Machine.Spec spec) {
        Subnet subnet = Subnet.parse(spec.subnet());
        String root = shell(dir.resolve("rootfs").toString());
        StringBuilder s = new StringBuilder("#!/bin/sh\n# plumbery local-netns node '" + spec.name()
                + "' (PID 1 of its namespaces)\n");
        s.append("i=0\nwhile [ ! -e ").append(shell(dir.resolve("net-ready").toString())).append(" ]; do\n")
                .append("  i=$((i+1)); [ $i -gt ").append(TRIES).append(" ] && exit 74; sleep 0.05\ndone\n");
        s.append("hostname ").append(spec.name()).append('\n');
        s.append("ip link set lo up && ip link set host0 up && ip addr add ").append(spec.address()).append('/')
                .append(subnet.prefix()).append(" dev host0 || exit 75\n");
        // the host forwards only what an accept list allows (see CloudInit.networkFile)
        s.append("ip route add default via ").append(AddressPlan.hostAddress(subnet)).append(" dev host0 || exit 75\n");
        if (spec.rootfsMode().equals(Machine.OVERLAY)) {
            s.append("mount -t overlay overlay -o ").append(shell("lowerdir=" + spec.image() + ",upperdir="
                    + dir.resolve("upper") + ",workdir=" + dir.resolve("work"))).append(' ').append(root)
                    .append(" || exit 70\n");
        }
        s.append("mount -t proc proc ").append(root).append("/proc\n");
        s.append("mount -t sysfs sysfs ").append(root).append("/sys\n");
        s.append("mount --rbind /dev ").append(root).append("/dev\n");
        s.append("mount -t tmpfs -o mode=755 tmpfs ").append(root).append("/run\n");
        s.append("mount -t tmpfs -o mode=1777 tmpfs ").append(root).append("/tmp\n");
        s.append("exec chroot ").append(root).append(" /bin/sh /usr/local/sbin/plumbery-netns-init\n");
        return s.toString();
    }

    /** Runs inside the node's disk: the plan's user (only) with its key and sudo, then sshd as PID 1. */
    static String initScript(String user) {
        String u = shell(user);
        return "#!/bin/sh\n# plumbery local-netns node init: no systemd, no cloud-init\n"
                + "mkdir -p /run/sshd\n"
                + (user.equals("root") ? "" : "id " + u + " >/dev/null 2>&1 || useradd -m -s /bin/bash " + u + "\n"
                + "echo " + shell(user + " ALL=(ALL) NOPASSWD:ALL") + " > /etc/sudoers.d/90-plumbery\n"
                + "chmod 440 /etc/sudoers.d/90-plumbery\n")
                + "h=$(getent passwd " + u + " | cut -d: -f6)\n"
                + "mkdir -p \"$h/.ssh\" && cp /etc/plumbery/authorized_keys \"$h/.ssh/authorized_keys\"\n"
                + "chown -R " + u + ": \"$h/.ssh\" && chmod 700 \"$h/.ssh\" && chmod 600 \"$h/.ssh/authorized_keys\"\n"
                + "exec /usr/sbin/sshd -D -e\n";
    }
}
