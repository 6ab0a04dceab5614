package io.plumbery.providers.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptsTest {

    private static final Machine.Spec NSPAWN = new Machine.Spec("n1", "web", "pb-abcdef-0123", "10.77.1.0/24",
            "10.77.1.10", "pabcdef0123", "i", 1, 512, Machine.OVERLAY, "/cache/img", "plumbery/p/n1", "",
            Machine.NSPAWN, "debian", List.of());
    private static final Machine.Spec NETNS = new Machine.Spec("n2", "web", "pb-abcdef-0123", "10.77.1.0/24",
            "10.77.1.11", "pabcdef4567", "i", 1, 512, Machine.OVERLAY, "/cache/img", "plumbery/p/n2", "",
            Machine.NETNS, "debian", List.of());

    @Test
    void nspawnLauncherJoinsItsCgroupsAndBootsInAPrivateMountNamespace() {
        Machine m = new Machine(Path.of("/state/p/nodes/n1"));
        String run = m.runScript(NSPAWN, List.of("/sys/fs/cgroup/systemd/plumbery/p/n1"));
        assertTrue(run.contains("for d in '/sys/fs/cgroup/systemd/plumbery/p/n1'; do"), run);
        assertTrue(run.contains("exec unshare --mount --propagation private /bin/sh '/state/p/nodes/n1/boot.sh'"), run);
        String boot = m.bootScript(NSPAWN, Path.of("/usr/bin/systemd-nspawn"));
        assertTrue(boot.contains("mount -t overlay overlay -o 'lowerdir=/cache/img,upperdir=/state/p/nodes/n1/upper,"
                + "workdir=/state/p/nodes/n1/work' '/state/p/nodes/n1/rootfs'"), boot);
        assertTrue(boot.contains("--machine=pabcdef0123 --hostname=n1 --network-bridge=pb-abcdef-0123 "
                + "--console=read-only --register=no --keep-unit &"), boot);
        assertTrue(boot.contains("[ $rc -eq 133 ] && continue"), "a reboot inside boots again");
    }

    @Test
    void netnsScripts() {
        Path dir = Path.of("/state/p/nodes/n2");
        String boot = NetnsNode.bootScript(dir, NETNS);
        assertTrue(boot.contains("ip link add vn-pabcdef4567 type veth peer name host0 address "
                + NetnsNode.mac(NETNS) + " netns $child"), boot);
        assertTrue(boot.contains("ip link set vn-pabcdef4567 master pb-abcdef-0123 up"), boot);
        String inside = NetnsNode.insideScript(dir, NETNS);
        assertTrue(inside.contains("ip addr add 10.77.1.11/24 dev host0"), inside);
        assertTrue(inside.contains("exec chroot '/state/p/nodes/n2/rootfs' /bin/sh /usr/local/sbin/plumbery-netns-init"));
        assertTrue(NetnsNode.mac(NETNS).matches("02(:[0-9a-f]{2}){5}"));
        assertEquals(NetnsNode.mac(NETNS), NetnsNode.mac(NETNS));
        String init = NetnsNode.initScript("o'brien");
        assertTrue(init.contains("useradd -m -s /bin/bash 'o'\\''brien'"), init);
        assertTrue(init.endsWith("exec /usr/sbin/sshd -D -e\n"));
        assertTrue(init.contains("h=$(getent passwd 'o'\\''brien' | cut -d: -f6)"), init);
        assertFalse(init.contains("root"), "root gets no key: " + init);
    }

    @Test
    void shellQuoting() {
        assertEquals("'a b'", Machine.shell("a b"));
        assertEquals("'it'\\''s'", Machine.shell("it's"));
    }
}
