package io.plumbery.providers.vagrant;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VagrantfileTest {

    static final PlanDir.MachineSpec N1 = new PlanDir.MachineSpec("n1", "net", "plumbery-p-abcd", "10.77.3.10",
            "plumbery-p-n1", "plumbery-p-n1-1700000000", 2, 1024, "plumbery/vagrant-node:0123456789ab", "Debian 12",
            List.of());

    @Test
    void oneDockerMachinePerNodeOnThePlansNetwork() {
        String file = Vagrantfile.render("p", List.of(new Vagrantfile.Machine(N1, Path.of("/state/p/nodes/n1"))), 20, 8);
        assertTrue(file.startsWith("# Written by plumbery's vagrant provider for plan 'p'"), file);
        assertTrue(file.contains("Vagrant.configure('2') do |config|\n"
                + "  config.vm.synced_folder '.', '/vagrant', disabled: true\n"), file);
        assertTrue(file.contains("\n  config.vm.define 'n1' do |m|\n"
                + "    m.vm.hostname = 'n1'\n"
                + "    m.vm.provider 'docker' do |d|\n"
                + "      d.name = 'plumbery-p-n1'\n"
                + "      d.image = 'plumbery/vagrant-node:0123456789ab'\n"
                + "      d.has_ssh = false\n"
                + "      d.pull = false\n"
                + "      d.remains_running = true\n"
                + "      d.stop_timeout = 20\n"
                + "      d.volumes = ['/state/p/nodes/n1/seed:/var/lib/cloud/seed/nocloud:ro', "
                + "'/state/p/nodes/n1/ssh_host_ed25519_key:/etc/ssh/ssh_host_ed25519_key:ro', "
                + "'/state/p/nodes/n1/ssh_host_ed25519_key.pub:/etc/ssh/ssh_host_ed25519_key.pub:ro', "
                + "'/state/p/nodes/n1/apt-proxy.conf:/etc/apt/apt.conf.d/01plumbery-proxy:ro']\n"), file);
        assertTrue(file.contains("'--network', 'plumbery-p-abcd', '--ip', '10.77.3.10'"), file);
        assertTrue(file.contains("'--cpus', '2', '--memory', '1024m'"), file);
        assertTrue(file.contains("'--label', 'io.plumbery.plan=p', '--label', 'io.plumbery.provider=vagrant', "
                + "'--label', 'io.plumbery.node=n1'"), file);
        assertTrue(file.endsWith("    end\n  end\nend\n"), file);
        assertFalse(file.contains("private_network"), "Vagrant would add Docker's default bridge and remove others' networks");
    }

    @Test
    void systemdRunsWithoutPrivilegesAndNeverSeesTheHostsCgroups() {
        List<String> args = Vagrantfile.createArgs("p", N1, 8);
        String all = String.join(" ", args) + " " + String.join(" ", Vagrantfile.volumes(Path.of("/s/n1")));
        assertTrue(all.contains("--cgroupns=private --cap-add SYS_ADMIN"), all);
        assertTrue(all.contains("--tmpfs /run --tmpfs /run/lock"), all);
        assertTrue(all.contains("--stop-signal SIGRTMIN+3"), all);
        assertTrue(args.contains("--pull=never"), "no registry is reachable");
        assertFalse(all.contains("--privileged"), all);
        assertFalse(all.contains("ALL"), all);
        assertFalse(all.contains("/sys/fs/cgroup"), "with SYS_ADMIN it would remount the host's cgroups read-only");
    }

    @Test
    void cpusAreCappedToTheHost() {
        assertEquals(List.of("--cpus", "2", "--memory", "1024m"), Vagrantfile.limits(N1, 2));
        assertEquals(List.of("--cpus", "1", "--memory", "1024m"), Vagrantfile.limits(N1, 1));
        assertEquals("enforced by Docker: --cpus 1 --memory 1024m (the plan asks 2 CPUs; this host has 1)",
                NodeRecords.limits(N1, 1));
        assertEquals("enforced by Docker: --cpus 2 --memory 1024m", NodeRecords.limits(N1, 4));
    }

    @Test
    void anEmptyPlanIsAValidVagrantfile() {
        String file = Vagrantfile.render("p", List.of(), 20, 2);
        assertTrue(file.endsWith("disabled: true\nend\n"), file);
    }

    @Test
    void rubyStringsAreQuoted() {
        assertEquals("'it\\'s a \\\\ path'", Vagrantfile.ruby("it's a \\ path"));
    }
}
