package io.plumbery.providers.vagrant;

import io.plumbery.providers.host.PackageProxy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan's Vagrantfile, rendered whole from the machine records: one machine of Vagrant's docker
 * provider per node. What each container gets, and why:
 *
 * <ul>
 *   <li>systemd as PID 1 without {@code --privileged}: {@code --cgroupns=private --cap-add SYS_ADMIN}, tmpfs
 *       on {@code /run} and {@code /run/lock}, {@code --stop-signal SIGRTMIN+3} so that a stop is a clean
 *       power-off. The host's {@code /sys/fs/cgroup} is never mounted: with SYS_ADMIN the container would
 *       remount the host's cgroup tree read-only.</li>
 *   <li>the plan's network and address through {@code --network/--ip}, not Vagrant's
 *       {@code private_network}: Vagrant would also attach Docker's default bridge (a default route with NAT
 *       to the outside), serialise every machine's network setup under one lock, and on {@code destroy}
 *       remove every unused {@code vagrant_network*} network of the host, ours or not.</li>
 *   <li>the NoCloud seed, apt's proxy setting and the SSH host key from the node's directory, read-only; {@code --pull=never}
 *       since no registry is reachable; {@code --tty} so that {@code docker logs} shows the console.</li>
 *   <li>no SSH for Vagrant ({@code has_ssh = false}): plumbery connects with the plan's key and checks the
 *       host key it made, and nothing is published on the host.</li>
 * </ul>
 */
final class Vagrantfile {

    /** What the renderer needs of a node: its record and where its files are. */
    record Machine(PlanDir.MachineSpec spec, Path dir) {
    }

    static final String SEED = "/var/lib/cloud/seed/nocloud";
    static final String HOST_KEY = "ssh_host_ed25519_key";
    /** The node's apt setting for the host's package proxy, in its directory. */
    static final String APT_PROXY = "apt-proxy.conf";

    private Vagrantfile() {
    }

    /** {@code hostCpus}: Docker refuses {@code --cpus} above the host's count, so requests are capped to it. */
    static String render(String plan, List<Machine> machines, int stopTimeoutSeconds, int hostCpus) {
        StringBuilder out = new StringBuilder();
        out.append("# Written by plumbery's vagrant provider for plan ").append(ruby(plan))
                .append(": rewritten whenever a node is added or removed, do not edit.\n")
                .append("# Run vagrant here with VAGRANT_DEFAULT_PROVIDER=docker.\n")
                .append("Vagrant.configure('2') do |config|\n")
                .append("  config.vm.synced_folder '.', '/vagrant', disabled: true\n")
                .append("  config.vm.network :forwarded_port, guest: 22, host: 2222, id: 'ssh', disabled: true\n");
        for (Machine machine : machines) {
            PlanDir.MachineSpec spec = machine.spec();
            out.append("\n  config.vm.define ").append(ruby(spec.name())).append(" do |m|\n")
                    .append("    m.vm.hostname = ").append(ruby(spec.name())).append('\n')
                    .append("    m.vm.provider 'docker' do |d|\n")
                    .append("      d.name = ").append(ruby(spec.container())).append('\n')
                    .append("      d.image = ").append(ruby(spec.image())).append('\n')
                    .append("      d.has_ssh = false\n")
                    .append("      d.pull = false\n")
                    .append("      d.remains_running = true\n")
                    .append("      d.stop_timeout = ").append(stopTimeoutSeconds).append('\n')
                    .append("      d.volumes = ").append(list(volumes(machine.dir()))).append('\n')
                    .append("      d.create_args = ").append(list(createArgs(plan, spec, hostCpus))).append('\n')
                    .append("    end\n")
                    .append("  end\n");
        }
        return out.append("end\n").toString();
    }

    static List<String> volumes(Path nodeDir) {
        return List.of(
                nodeDir.resolve("seed") + ":" + SEED + ":ro",
                nodeDir.resolve(HOST_KEY) + ":/etc/ssh/" + HOST_KEY + ":ro",
                nodeDir.resolve(HOST_KEY + ".pub") + ":/etc/ssh/" + HOST_KEY + ".pub:ro",
                nodeDir.resolve(APT_PROXY) + ":/" + PackageProxy.APT_CONF + ":ro");
    }

    static List<String> createArgs(String plan, PlanDir.MachineSpec spec, int hostCpus) {
        List<String> args = new ArrayList<>(List.of(
                "--pull=never", "--tty",
                "--network", spec.dockerNetwork(), "--ip", spec.address(),
                "--cgroupns=private", "--cap-add", "SYS_ADMIN",
                "--tmpfs", "/run", "--tmpfs", "/run/lock",
                "--stop-signal", "SIGRTMIN+3"));
        args.addAll(limits(spec, hostCpus));
        args.addAll(List.of(
                "--label", VagrantNaming.PLAN_LABEL + "=" + plan,
                "--label", VagrantNaming.PROVIDER_LABEL + "=vagrant",
                "--label", VagrantNaming.NODE_LABEL + "=" + spec.name()));
        return args;
    }

    /** The plan's cpu and memory, which Docker enforces through the node's cgroups. */
    static List<String> limits(PlanDir.MachineSpec spec, int hostCpus) {
        int cpus = Math.max(1, Math.min(spec.cpu(), hostCpus));
        return List.of("--cpus", String.valueOf(cpus), "--memory", spec.memoryMb() + "m");
    }

    private static String list(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(ruby(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** A single-quoted Ruby string: only backslash and quote are special there. */
    static String ruby(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
