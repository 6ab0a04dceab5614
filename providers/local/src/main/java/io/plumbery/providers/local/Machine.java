package io.plumbery.providers.local;

import io.plumbery.node.files.PrivateFiles;
import io.plumbery.node.wait.Wait;
import io.plumbery.net.Subnet;
import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.AddressPlan;
import io.plumbery.providers.host.CloudInit;
import io.plumbery.providers.host.Exec;
import io.plumbery.providers.host.PackageProxy;
import io.plumbery.providers.host.PidFile;
import io.plumbery.providers.host.PlanRecords;
import io.plumbery.providers.host.RecordDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One node on the host: its directory ({@code node.json}, overlay {@code upper/} and {@code work/}, the
 * {@code rootfs/} it boots, {@code console.log}, the launcher scripts and {@code pid}) and its process
 * tree, a systemd-nspawn container started detached from the JVM in the node's own cgroup. The overlay
 * is mounted inside a private mount namespace of the launcher, so it disappears with the node's
 * processes and never outlives them on the host.
 */
final class Machine {

    /** What is recorded for a node before anything of it exists on the host. */
    record Spec(String name, String network, String bridge, String subnet, String address, String machine,
                String instanceId, int cpu, int memoryMb, String rootfsMode, String image, String cgroup,
                String limits, String kind, String appliance, List<Integer> disksGb) {

        Spec {
            kind = kind == null ? NSPAWN : kind;
            disksGb = disksGb == null ? List.of() : List.copyOf(disksGb);
        }

        Spec withLimits(String newLimits) {
            return new Spec(name, network, bridge, subnet, address, machine, instanceId, cpu, memoryMb, rootfsMode,
                    image, cgroup, newLimits, kind, appliance, disksGb);
        }

        boolean netns() {
            return NETNS.equals(kind);
        }
    }

    /** A systemd-nspawn container booted with its own systemd and cloud-init. */
    static final String NSPAWN = "nspawn";
    /** A network namespace with sshd as its only service, on the same image: starts in a fraction of a second. */
    static final String NETNS = "netns";

    static final String OVERLAY = "overlay";
    static final String COPY = "copy";

    private final Path dir;

    Machine(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path console() {
        return dir.resolve("console.log");
    }

    boolean exists() {
        return Files.isDirectory(dir);
    }

    /** The addresses of every node of the plan that {@code records} keep. */
    static Set<String> addresses(PlanRecords records) throws IOException {
        Set<String> used = new HashSet<>();
        for (String node : records.nodeNames()) {
            new Machine(records.nodeDir(node)).spec().ifPresent(s -> used.add(s.address()));
        }
        return used;
    }

    Optional<Spec> spec() throws IOException {
        return RecordDir.read(dir.resolve("node.json"), Spec.class);
    }

    void writeSpec(Spec spec) throws IOException {
        RecordDir.write(dir.resolve("node.json"), spec);
    }

    /** Where files of the node's own disk are written from the host: the overlay's upper layer or the copy. */
    Path disk(Spec spec) {
        return spec.rootfsMode().equals(OVERLAY) ? dir.resolve("upper") : dir.resolve("rootfs");
    }

    /** Makes the node's disk: overlay directories, or a full copy of the image (reflinked where possible). */
    void prepareDisk(Spec spec) throws ProviderException, IOException {
        Path rootfs = dir.resolve("rootfs");
        if (spec.rootfsMode().equals(OVERLAY)) {
            Files.createDirectories(dir.resolve("upper"));
            Files.createDirectories(dir.resolve("work"));
            Files.createDirectories(rootfs);
            return;
        }
        if (Files.isRegularFile(rootfs.resolve("etc/plumbery-image"))) {
            return;
        }
        Path tmp = dir.resolve("rootfs.tmp");
        Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", tmp.toString()));
        Exec.check(Duration.ofMinutes(10), List.of("cp", "-a", "--reflink=auto", spec.image(), tmp.toString()));
        Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", rootfs.toString()));
        Files.move(tmp, rootfs);
    }

    /** sshd's setting that refuses root, read before the image's own (Debian's sshd_config includes it first). */
    static final String SSHD_DROP_IN = "etc/ssh/sshd_config.d/10-plumbery.conf";

    /**
     * Host name, machine id, SSH host key (made here, so the provider knows it before it connects), network
     * file, apt's proxy setting, sshd's refusal of root, NoCloud seed and cloud-init's boot in one process
     * ({@link CloudInitBoot}), written into the node's disk before first boot. Root gets no key: the plan's login
     * user (made by the user-data, or by a netns node's init) is the one way in.
     */
    void writeFirstBoot(Spec spec, String metaData, String userData, int prefix, String user, String publicKey)
            throws IOException, ProviderException {
        Path disk = disk(spec);
        PrivateFiles.write(disk.resolve("etc/hostname"), spec.name() + "\n", "rw-r--r--");
        PrivateFiles.write(disk.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n" + spec.address() + "\t" + spec.name() + "\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n", "rw-r--r--");
        if (!Files.exists(disk.resolve("etc/machine-id"))) {
            PrivateFiles.write(disk.resolve("etc/machine-id"), "", "r--r--r--");
        }
        String gateway = AddressPlan.hostAddress(Subnet.parse(spec.subnet()));
        PrivateFiles.write(disk.resolve("etc/systemd/network/10-plumbery.network"),
                CloudInit.networkFile(spec.address(), prefix, gateway), "rw-r--r--");
        PrivateFiles.write(disk.resolve(PackageProxy.APT_CONF), PackageProxy.aptConf(gateway), "rw-r--r--");
        Path hostKey = disk.resolve("etc/ssh/ssh_host_ed25519_key");
        if (!Files.exists(hostKey)) {
            Files.createDirectories(hostKey.getParent());
            Exec.check(Duration.ofSeconds(30), List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    "root@" + spec.name(), "-f", hostKey.toString()));
        }
        if (!user.equals("root")) {
            // the plan's admin user (with sudo) is the only way in: the provider checks nodes as that user too
            PrivateFiles.write(disk.resolve(SSHD_DROP_IN), "PermitRootLogin no\n", "rw-r--r--");
        }
        if (spec.netns()) {
            PrivateFiles.write(disk.resolve("usr/local/sbin/plumbery-netns-init"), NetnsNode.initScript(user), "rwxr-xr-x");
            PrivateFiles.write(disk.resolve("etc/plumbery/authorized_keys"), publicKey.trim() + "\n", "rw-r--r--");
            return;
        }
        Path seed = disk.resolve("var/lib/cloud/seed/nocloud");
        PrivateFiles.write(seed.resolve("meta-data"), metaData, "rw-------");
        PrivateFiles.write(seed.resolve("user-data"), userData, "rw-------");
        CloudInitBoot.writeInto(disk);
    }

    /** Starts the node detached from this JVM (setsid), in its cgroups, with the reboot loop of nspawn. */
    void launch(Spec spec, Path nspawn) throws ProviderException, IOException {
        List<String> cgroups = new ArrayList<>();
        Cgroups.dirs(spec.cgroup()).forEach(d -> cgroups.add(d.toString()));
        Path boot = dir.resolve("boot.sh");
        Path run = dir.resolve("run.sh");
        Files.writeString(run, runScript(spec, cgroups));
        Files.writeString(boot, spec.netns() ? NetnsNode.bootScript(dir, spec) : bootScript(spec, nspawn));
        if (spec.netns()) {
            Files.writeString(dir.resolve("inside.sh"), NetnsNode.insideScript(dir, spec));
        }
        Files.deleteIfExists(dir.resolve("pid"));
        Files.writeString(console(), "---- plumbery: starting " + spec.name() + " at " + java.time.Instant.now()
                + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Exec.detached(run, console(), "node " + spec.name());
    }

    String runScript(Spec spec, List<String> cgroups) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n# plumbery local node '" + spec.name()
                + "': joins its cgroups, then boots in a private mount namespace (see boot.sh)\n");
        s.append("for d in");
        cgroups.forEach(c -> s.append(' ').append(shell(c)));
        s.append("; do mkdir -p \"$d\" && echo $$ > \"$d/cgroup.procs\"; done\n");
        s.append("echo $$ > ").append(shell(dir.resolve("pid").toString())).append('\n');
        if (spec.netns()) {
            s.append("exec /bin/sh ").append(shell(dir.resolve("boot.sh").toString())).append('\n');
        } else {
            s.append("exec unshare --mount --propagation private /bin/sh ")
                    .append(shell(dir.resolve("boot.sh").toString())).append('\n');
        }
        return s.toString();
    }

    String bootScript(Spec spec, Path nspawn) {
        Path rootfs = dir.resolve("rootfs");
        StringBuilder s = new StringBuilder("#!/bin/sh\n# plumbery local node '" + spec.name()
                + "': SIGTERM powers it off cleanly; a reboot inside (exit 133) boots it again\n");
        if (spec.rootfsMode().equals(OVERLAY)) {
            s.append("mount -t overlay overlay -o ").append(shell("lowerdir=" + spec.image() + ",upperdir="
                    + dir.resolve("upper") + ",workdir=" + dir.resolve("work"))).append(' ')
                    .append(shell(rootfs.toString())).append(" || exit 70\n");
        }
        s.append("stop=0\nchild=0\n");
        s.append("trap 'stop=1; [ $child -gt 0 ] && kill -TERM $child' TERM INT HUP\n");
        s.append("while :; do\n");
        // no image lock: it would leave a lock file per boot in /run/systemd/nspawn/locks (one launcher
        // per node directory is guaranteed by the provider)
        s.append("  SYSTEMD_NSPAWN_LOCK=0 ").append(shell(nspawn.toString())).append(" -b -D ").append(shell(rootfs.toString()))
                .append(" --machine=").append(spec.machine()).append(" --hostname=").append(spec.name())
                .append(" --network-bridge=").append(spec.bridge())
                .append(" --console=read-only --register=no --keep-unit &\n");
        s.append("  child=$!\n  wait $child; rc=$?\n");
        s.append("  while kill -0 $child 2>/dev/null; do wait $child; rc=$?; done\n");
        s.append("  [ $stop -eq 0 ] && [ $rc -eq 133 ] && continue\n");
        s.append("  exit $rc\ndone\n");
        return s.toString();
    }

    static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The launcher's PID while it runs (checked against its command line, so a reused PID is not ours). */
    Optional<Long> launcherPid() {
        return PidFile.alive(dir.resolve("pid"), dir.resolve("boot.sh").toString());
    }

    boolean running() {
        return launcherPid().isPresent();
    }

    /**
     * Clean power-off (SIGTERM to the launcher, which nspawn turns into SIGRTMIN+3 for the node's systemd),
     * then SIGKILL to the whole cgroup after {@code grace}.
     */
    void stop(Spec spec, Duration grace) throws ProviderException {
        Optional<Long> pid = launcherPid();
        if (pid.isPresent() && !grace.isZero()) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy);
            Wait.polling(grace, Duration.ofMillis(200)).until(() -> Cgroups.pids(spec.cgroup()).isEmpty());
        }
        kill(spec);
    }

    /** SIGKILL to everything in the node's cgroups; waits (bounded) until they are empty. */
    void kill(Spec spec) throws ProviderException {
        boolean empty = false;
        for (int i = 0; i < 5 && !empty; i++) {
            Cgroups.killAll(spec.cgroup());
            empty = Wait.polling(Duration.ofSeconds(3), Duration.ofMillis(100))
                    .until(() -> Cgroups.pids(spec.cgroup()).isEmpty());
        }
        if (!empty) {
            throw new ProviderException("node " + spec.name() + " still has processes after SIGKILL: "
                    + Cgroups.pids(spec.cgroup()), true, null);
        }
        try {
            Files.deleteIfExists(dir.resolve("pid"));
            for (String sub : List.of("propagate", "unix-export")) {
                Path left = Path.of("/run/systemd/nspawn", sub, spec.machine());
                if (Files.isDirectory(left)) {
                    Exec.run(Duration.ofSeconds(30), List.of("rm", "-rf", "--one-file-system", left.toString()));
                }
            }
        } catch (IOException e) {
            throw new ProviderException("cleaning up after node " + spec.name() + ": " + e.getMessage(), false, e);
        }
    }

    /** Removes everything of the node from the host: processes, cgroups, mounts, directory. */
    void destroy(Spec spec) throws ProviderException {
        if (spec != null) {
            kill(spec);
            Cgroups.remove(spec.cgroup());
        }
        Mounts.unmountUnder(dir);
        Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", dir.toString()));
        // the directories systemd-nspawn makes under /run go too once no container uses them
        for (String left : List.of("/run/systemd/nspawn/propagate", "/run/systemd/nspawn/unix-export",
                "/run/systemd/nspawn/locks", "/run/systemd/nspawn")) {
            try {
                Files.deleteIfExists(Path.of(left));
            } catch (IOException e) {
                // not empty: in use by another container
            }
        }
    }

    /** The node's SSH host keys as they are on its disk (OpenSSH one-line form), ed25519 first. */
    List<String> hostKeys(Spec spec) {
        List<String> keys = new ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path pub = disk(spec).resolve("etc/ssh/ssh_host_" + type + "_key.pub");
            try {
                if (Files.isRegularFile(pub)) {
                    keys.add(Files.readString(pub).trim());
                }
            } catch (IOException e) {
                // not there yet
            }
        }
        return keys;
    }
}
