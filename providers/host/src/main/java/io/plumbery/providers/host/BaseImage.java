package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The read-only Debian tree every node boots from, built once with debootstrap and cached under
 * {@code <cache>/<hash of the recipe>}. A build happens in a temporary directory that is renamed into
 * place when complete, under a file lock, so a killed build never leaves a tree that looks finished and
 * two builds never race.
 *
 * <p>The local provider boots it; the vagrant provider imports it into Docker as its nodes' image.
 */
public final class BaseImage {

    static final String SUITE = "bookworm";
    static final List<String> INCLUDE = List.of("systemd", "systemd-sysv", "dbus", "openssh-server", "iproute2",
            "iputils-ping", "nftables", "procps", "sudo", "netbase", "ca-certificates", "kmod", "udev",
            "python3-cffi-backend", "less");
    static final List<String> EXTRA = List.of("cloud-init", "default-jre-headless");
    static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";

    /** cloud-init settings of every node: NoCloud seed only, network owned by the provider. */
    static final String CLOUD_CFG = """
            # written by plumbery's local provider
            datasource_list: [NoCloud, None]
            network: {config: disabled}
            disable_root: false
            ssh_deletekeys: false
            ssh_genkeytypes: []
            locale: false
            """;

    /**
     * Host keys are made per node by the provider before first boot (so it knows them before it connects);
     * sshd makes its own only if there are none at all.
     */
    static final String SSH_DROPIN = """
            [Service]
            ExecStartPre=
            ExecStartPre=/bin/sh -c 'ls /etc/ssh/ssh_host_*_key >/dev/null 2>&1 || /usr/bin/ssh-keygen -A'
            ExecStartPre=/usr/sbin/sshd -t
            """;

    static final List<String> MASKED = List.of("apt-daily.timer", "apt-daily-upgrade.timer", "e2scrub_all.timer",
            "fstrim.timer", "dpkg-db-backup.timer", "getty@tty1.service");

    /** Bump when the build steps below change in a way the lists above do not show. */
    static final int FORMAT = 1;

    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    /**
     * Build steps run in their own mount and PID namespaces, killed with this JVM: if it dies (kill -9),
     * SIGKILL reaches unshare, the namespace's init and so every process of the step, and the mounts
     * debootstrap made in the target vanish with the namespace. Nothing keeps writing into the temp tree
     * that the next build removes.
     */
    static final List<String> CONTAINED = List.of("setpriv", "--pdeathsig", "KILL", "unshare", "--mount",
            "--propagation", "private", "--pid", "--fork", "--kill-child");

    private BaseImage() {
    }

    static String recipe() {
        return "format=" + FORMAT + "\nsuite=" + SUITE + "\ninclude=" + String.join(",", INCLUDE) + "\nextra="
                + String.join(",", EXTRA) + "\nmasked=" + String.join(",", MASKED) + "\ncloud.cfg=" + CLOUD_CFG
                + "\nssh=" + SSH_DROPIN;
    }

    /** Names the tree by its recipe: a changed recipe is a new tree (and a new cache entry). */
    public static String hash() {
        return "debian-" + SUITE + "-" + Naming.hash(recipe(), 12);
    }

    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("plumbery").resolve("images");
    }

    /** The Debian mirror the host's apt is configured with (the one this machine may reach). */
    public static String mirror(Path aptDir) {
        List<Path> files = new ArrayList<>();
        files.add(aptDir.resolve("sources.list"));
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(aptDir.resolve("sources.list.d"))) {
            dir.forEach(files::add);
        } catch (IOException e) {
            // no sources.list.d
        }
        files.sort(null);
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                continue;
            }
            String name = file.getFileName().toString();
            String found = name.endsWith(".sources") ? fromDeb822(text) : name.endsWith(".list") ? fromOneLine(text) : null;
            if (found != null) {
                return found;
            }
        }
        return DEFAULT_MIRROR;
    }

    /** The Debian mirror the nodes booted from {@code image} ask for packages; {@code fallback} if it is not built. */
    public static String mirrorOf(Path image, String fallback) {
        return isComplete(image) ? mirror(image.resolve("etc/apt")) : fallback;
    }

    static String fromOneLine(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.startsWith("deb ")) {
                continue;
            }
            String[] words = line.substring(4).replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
            if (words.length >= 2 && isDebianSuite(words[1]) && words[0].startsWith("http")) {
                return trimSlash(words[0]);
            }
        }
        return null;
    }

    static String fromDeb822(String text) {
        for (String block : text.split("\n\\s*\n")) {
            String types = "";
            String uris = "";
            String suites = "";
            for (String raw : block.split("\n")) {
                String line = raw.strip();
                int colon = line.indexOf(':');
                if (line.startsWith("#") || colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim().toLowerCase();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "types" -> types = value;
                    case "uris" -> uris = value;
                    case "suites" -> suites = value;
                    default -> { }
                }
            }
            if (!List.of(types.split("\\s+")).contains("deb") || uris.isEmpty()) {
                continue;
            }
            for (String suite : suites.split("\\s+")) {
                if (isDebianSuite(suite)) {
                    String uri = uris.split("\\s+")[0];
                    if (uri.startsWith("http")) {
                        return trimSlash(uri);
                    }
                }
            }
        }
        return null;
    }

    private static boolean isDebianSuite(String suite) {
        return List.of("bookworm", "trixie", "bullseye", "stable", "testing", "sid", "unstable").contains(suite);
    }

    private static String trimSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** The image directory, built now if the cache does not have it. */
    public static Path ensure(Path cache, String mirror, Consumer<String> progress) throws ProviderException {
        Path image = cache.resolve(hash());
        if (isComplete(image)) {
            return image;
        }
        Object monitor = MONITORS.computeIfAbsent(image, k -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(cache);
                try (FileChannel channel = FileChannel.open(cache.resolve(hash() + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes, or when this process dies
                    if (isComplete(image)) {
                        return image;
                    }
                    removeStale(cache);
                    build(cache, image, mirror, progress);
                    return image;
                }
            } catch (IOException e) {
                throw new ProviderException("cannot use the image cache " + cache + ": " + e.getMessage(), false, e);
            }
        }
    }

    static boolean isComplete(Path image) {
        return Files.isRegularFile(image.resolve("etc/plumbery-image"));
    }

    private static void removeStale(Path cache) throws IOException, ProviderException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(cache, hash() + ".tmp-*")) {
            for (Path stale : dir) {
                Exec.check(Duration.ofMinutes(5), List.of("rm", "-rf", "--one-file-system", stale.toString()));
            }
        }
    }

    private static void build(Path cache, Path image, String mirror, Consumer<String> progress)
            throws IOException, ProviderException {
        long started = System.nanoTime();
        Path tmp = cache.resolve(hash() + ".tmp-" + ProcessHandle.current().pid());
        Path log = cache.resolve(hash() + ".log");
        Files.deleteIfExists(log);
        progress.accept("local: building the base image (debootstrap " + SUITE + " from " + mirror
                + ", about 2 minutes, once) in " + image + "; log: " + log);
        List<String> debootstrap = new ArrayList<>(CONTAINED);
        debootstrap.addAll(List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", INCLUDE), SUITE,
                tmp.toString(), mirror));
        Exec.logged(Duration.ofMinutes(20), debootstrap, log);

        Files.copy(Path.of("/etc/resolv.conf"), tmp.resolve("etc/resolv.conf"), StandardCopyOption.REPLACE_EXISTING);
        Path policy = tmp.resolve("usr/sbin/policy-rc.d");
        Files.writeString(policy, "#!/bin/sh\nexit 101\n");
        policy.toFile().setExecutable(true);
        chroot(tmp, "apt-get update -q && apt-get install -y -q --no-install-recommends " + String.join(" ", EXTRA)
                + " && apt-get clean", log, Duration.ofMinutes(20));
        chroot(tmp, "systemctl enable systemd-networkd && systemctl mask " + String.join(" ", MASKED), log,
                Duration.ofMinutes(2));

        Files.deleteIfExists(policy);
        Exec.check(Duration.ofMinutes(1), Exec.shell("rm -rf \"$1\"/var/lib/apt/lists/* \"$1\"/etc/ssh/ssh_host_* "
                + "\"$1\"/var/lib/dbus/machine-id", tmp.toString()));
        Files.writeString(tmp.resolve("etc/resolv.conf"), "");
        Files.writeString(tmp.resolve("etc/machine-id"), "");
        Files.writeString(tmp.resolve("etc/hostname"), "");
        Files.writeString(tmp.resolve("etc/cloud/cloud.cfg.d/90-plumbery.cfg"), CLOUD_CFG);
        Files.createDirectories(tmp.resolve("etc/systemd/system/ssh.service.d"));
        Files.writeString(tmp.resolve("etc/systemd/system/ssh.service.d/plumbery.conf"), SSH_DROPIN);
        Files.writeString(tmp.resolve("etc/plumbery-image"), recipe(), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, image, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ProviderException("cannot rename " + tmp + " to " + image + " atomically", false, e);
        }
        progress.accept(String.format("local: base image built in %.0f s", (System.nanoTime() - started) / 1e9));
    }

    private static void chroot(Path root, String script, Path log, Duration timeout) throws ProviderException {
        List<String> command = new ArrayList<>(CONTAINED);
        command.add("--mount-proc=" + root.resolve("proc"));
        command.addAll(List.of("chroot", root.toString(), "/bin/sh", "-c",
                "export DEBIAN_FRONTEND=noninteractive; " + script));
        Exec.logged(timeout, command, log);
    }
}
