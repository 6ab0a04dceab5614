package io.plumbery.runtime.agent;

import io.plumbery.runtime.images.ImageConfig;
import io.plumbery.runtime.images.ImageStore;
import io.plumbery.runtime.images.LayerUnpacker;
import io.plumbery.runtime.images.Rootfs;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A task in a container image, as Mesos's unified containerizer runs one with {@code filesystem/linux},
 * {@code docker/runtime} and {@code namespaces/pid}, and no daemon: the image pulled into the agent's store, a private
 * copy of its layers as the root filesystem (under {@code work_dir/provisioner/containers/RUN/rootfs}), the task in
 * new mount, pid, uts and ipc namespaces with that root, the sandbox at {@code /mnt/mesos/sandbox}, the host's
 * {@code /etc/hosts}, {@code resolv.conf} and {@code hostname} read-only, a {@code /dev} of its own and its own
 * {@code /proc}. The network is the host's, as Mesos's without a CNI network: the task binds its ports from the
 * offer. Every mount lives in the container's mount namespace, so nothing is left mounted on the host when its
 * processes end; the rootfs copy is deleted then.
 */
final class ImageContainer implements TaskContainer {
    /**
     * The container's first process (pid 1 of its namespaces, the host's shell still): joins the container's cgroups
     * (what it starts is in them too), mounts (the rootfs and the
     * sandbox nosuid and nodev, so that no setuid file or device node of an image gives its task more than its user
     * has), then the task under {@code unshare --root} as its user; it passes SIGTERM on, waits, and records the exit status in the sandbox (a
     * directory the task owns: an existing entry is removed and the file created anew, never followed).
     */
    static final String INIT = """
            s=$1 r=$2 w=$3 uid=$4 gid=$5 cg=$6
            shift 6
            p=$PATH
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            set -e
            IFS=:
            for g in $cg; do echo $$ > "$g/cgroup.procs"; done
            unset IFS
            mount --bind "$r" "$r"
            mount -o remount,bind,nosuid,nodev "$r"
            mount --rbind "$s" "$r/mnt/mesos/sandbox"
            mount -o remount,bind,nosuid,nodev "$r/mnt/mesos/sandbox"
            mount -t tmpfs -o nosuid,mode=755 tmpfs "$r/dev"
            for d in null zero full random urandom tty; do
              : > "$r/dev/$d"
              mount --bind "/dev/$d" "$r/dev/$d"
            done
            ln -s /proc/self/fd "$r/dev/fd"
            for f in hosts resolv.conf hostname; do
              if [ -f "/etc/$f" ]; then mount -o bind,ro "/etc/$f" "$r/etc/$f"; fi
            done
            u=$(command -v unshare)
            set +e
            PATH=$p "$u" --root="$r" --wd="$w" --mount-proc=/proc --setgid="$gid" --setuid="$uid" -- "$@" &
            c=$!
            trap 'kill -TERM "$c" 2>/dev/null' TERM INT
            wait "$c"; rc=$?
            while kill -0 "$c" 2>/dev/null; do wait "$c"; rc=$?; done
            rm -f "$s/.exit_status"
            echo "$rc" | dd of="$s/.exit_status" conv=excl status=none 2>/dev/null
            exit "$rc"
            """;

    private final TaskInfo task;
    private final ContainerImages.Request image;
    private final ImageStore store;
    private final TaskUsers.RunAs runAs;
    private final Path containerDir;
    private volatile List<String> argv;
    private volatile ImageConfig config;
    private volatile Path sandbox;
    private volatile ContainerCgroups cgroups;

    /** {@code store} is null when no image provider is on; {@code containerDir} is this run's provisioner directory. */
    ImageContainer(TaskInfo task, ContainerImages.Request image, ImageStore store, TaskUsers.RunAs runAs,
                   Path containerDir) {
        this.task = task;
        this.image = image;
        this.store = store;
        this.runAs = runAs;
        this.containerDir = containerDir;
    }

    static Path containerDir(Path workDir, Path sandbox) {
        return workDir.resolve("provisioner").resolve("containers").resolve(sandbox.getFileName().toString());
    }

    Path rootfs() {
        return containerDir.resolve("rootfs");
    }

    @Override
    public void prepare(Path sandbox) throws IOException, LaunchRefused {
        if (store == null) {
            throw new LaunchRefused("Failed to launch container: the task has a container image but this agent "
                    + "provisions none (--image_providers=docker is off)");
        }
        if (runAs.refusal() != null) {
            throw new LaunchRefused(runAs.refusal());
        }
        String network = task.container().path("docker").path("network").asText("HOST");
        if (!"HOST".equalsIgnoreCase(network)) {
            throw new LaunchRefused("Failed to launch container: network " + network + " is not supported for "
                    + "images this agent provisions, whose containers share the host's network (use HOST)");
        }
        if (TaskUsers.agentUid() != 0) {
            throw new LaunchRefused("Failed to launch container: an image's container needs namespaces and mounts, "
                    + "which only a root agent makes");
        }
        if (runAs.user() != null) {
            runAs.user().own(sandbox);
        }
        ImageStore.StoredImage pulled;
        try {
            pulled = store.pull(store.reference(image.name()), image.cached());
            argv = ImageLaunch.argv(pulled.config(), task.command());
            provision(pulled);
        } catch (IOException | IllegalArgumentException e) {
            cleanup(); // what a failed provisioning left
            throw new LaunchRefused("Failed to launch container: " + e.getMessage());
        }
        this.config = pulled.config();
        this.sandbox = sandbox;
        this.cgroups = ContainerCgroups.make(runId(), Resources.fromProto(task.resources()));
    }

    private String runId() {
        return containerDir.getFileName().toString();
    }

    /** A fresh copy of the image's layers, with real mount points where the container mounts. */
    private void provision(ImageStore.StoredImage pulled) throws IOException {
        LayerUnpacker.deleteTree(rootfs());
        store.provision(pulled, rootfs());
        Rootfs.directory(rootfs(), "mnt/mesos/sandbox");
        Rootfs.directory(rootfs(), "dev");
        Rootfs.directory(rootfs(), "proc");
        Rootfs.directory(rootfs(), ImageLaunch.workingDir(pulled.config()));
        for (String file : List.of("hosts", "resolv.conf", "hostname")) {
            if (Files.isRegularFile(Path.of("/etc", file))) {
                Rootfs.file(rootfs(), "etc/" + file);
            }
        }
    }

    @Override
    public ProcessBuilder process(Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--uts", "--ipc", "--pid", "--fork",
                "--kill-child", "--", "/bin/sh", "-c", INIT, "mesos-container", sandbox.toString(),
                rootfs().toString(), ImageLaunch.workingDir(config), String.valueOf(uid()), String.valueOf(gid()),
                String.join(":", cgroups.dirs().stream().map(Path::toString).toList())));
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(ImageLaunch.environment(config, environment));
        return pb;
    }

    private int uid() {
        return runAs.switched().map(TaskUser::uid).orElseGet(TaskUsers::agentUid);
    }

    private int gid() {
        return runAs.switched().map(TaskUser::gid).orElseGet(() -> {
            try {
                return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
            } catch (IOException e) {
                return 0;
            }
        });
    }

    /** SIGTERM to the tree (the container's first process passes it on to the task), SIGKILL after the grace. */
    @Override
    public void stop(ProcessHandle supervised, long graceNanos, ScheduledExecutorService timers) {
        ProcessTree.stop(supervised, graceNanos, timers);
    }

    @Override
    public void destroy(ProcessHandle supervised) {
        ProcessTree.destroy(supervised);
    }

    /**
     * COMMAND health checks run inside the container, as Mesos runs them: in its namespaces and root, as its user,
     * in its working directory; with no process left in the container, the check fails.
     */
    @Override
    public List<String> shell(String command) {
        return inContainer().map(pid -> List.of("nsenter", "--target=" + pid, "--mount", "--uts", "--ipc", "--pid",
                "--root", "--wd", "--setgid=" + gid(), "--setuid=" + uid(), "--", "/bin/sh", "-c", command))
                .orElse(List.of("false"));
    }

    /** A process whose root is this container's rootfs: the task's, or one it started. */
    private java.util.Optional<Long> inContainer() {
        Path rootfs = rootfs();
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "root")).equals(rootfs);
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }).findFirst();
    }

    /** The run's rootfs copy and cgroups go with its last process (its mounts went with its mount namespace). */
    @Override
    public void cleanup() {
        ContainerCgroups.of(runId()).remove();
        try {
            LayerUnpacker.deleteTree(containerDir);
        } catch (IOException e) {
            // left for the next agent start, which removes provisioner directories that no task owns
        }
    }
}
