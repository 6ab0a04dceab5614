package io.plumbery.providers.host;

import io.plumbery.node.wait.Wait;
import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The host's package proxy: one apt-cacher-ng for every plan of every provider of this host, through which
 * offline nodes get Debian's packages and nothing else ({@link PackageProxyConfig}). It listens on
 * {@link #LISTEN}:{@link #PORT} only; each plan network forwards its gateway's port {@link #PORT} there, so
 * that nodes find it at their gateway ({@link #aptConf}) and a plan's way to it goes with its network.
 *
 * <p>Its directory, under the same cache root as the base image, holds the configuration ({@code conf/}), the
 * cache ({@code cache/}), the logs ({@code log/apt-cacher.log}: a line per file, {@code I} when it was
 * fetched, {@code O} when it was served) and its PID. It is started detached from this JVM, like the nodes,
 * by the first node that needs it, and left running: a dispose removes the plan's way to it, not the proxy,
 * and never its cache.
 */
public final class PackageProxy {

    public static final String LISTEN = "127.0.0.1";
    public static final int PORT = 3149;
    /** Where a node's apt finds the proxy, relative to its root. */
    public static final String APT_CONF = "etc/apt/apt.conf.d/01plumbery-proxy";

    static final String COMMAND = "apt-cacher-ng";
    /** Its command, and the Debian package that has it. */
    public static final Map<String, String> TOOLS = Map.of(COMMAND, COMMAND);
    private static final Duration START = Duration.ofSeconds(20);
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path dir;

    public PackageProxy(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The proxy every plan of this host shares, next to the base images' cache. */
    public static PackageProxy shared() {
        return new PackageProxy(BaseImage.defaultCache().resolveSibling("packages"));
    }

    public Path dir() {
        return dir;
    }

    /** One line per request: {@code time|I or O or E|bytes|client|path}. */
    public Path log() {
        return dir.resolve("log").resolve("apt-cacher.log");
    }

    /** The apt setting of a node whose gateway is {@code gateway}. */
    public static String aptConf(String gateway) {
        return "// written by plumbery: Debian's packages come through the host's package proxy, at the gateway\n"
                + "Acquire::http::Proxy \"http://" + gateway + ":" + PORT + "/\";\n";
    }

    /**
     * Installs apt-cacher-ng when it is missing (see {@link HostTools#ensureInstalled}). Where systemd runs, the
     * package's own service is masked first: it would listen on every interface and fetch from anywhere.
     */
    public static void ensureInstalled(String provider, boolean install, Consumer<String> progress)
            throws ProviderException {
        if (install && HostTools.find(COMMAND).isEmpty() && Files.isDirectory(Path.of("/run/systemd/system"))
                && HostTools.find("systemctl").isPresent()) {
            progress.accept(provider + ": masking the apt-cacher-ng package's own service before installing it:"
                    + " plumbery runs its own instance, on the loopback address only");
            Exec.check(Duration.ofSeconds(30), List.of("systemctl", "mask", COMMAND + ".service"));
        }
        HostTools.ensureInstalled(provider, TOOLS, install, progress);
    }

    /**
     * Starts the proxy unless it runs already with a configuration that allows {@code mirror} (the Debian
     * mirror a node's image names); a new mirror is added to those it allows, and the proxy started again.
     */
    public void ensureRunning(String mirror, Consumer<String> progress) throws ProviderException {
        Object monitor = MONITORS.computeIfAbsent(dir, k -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(dir);
                try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes, or when this process dies
                    ensureRunningLocked(mirror, progress);
                }
            } catch (IOException e) {
                throw new ProviderException("package proxy in " + dir + ": " + e.getMessage(), false, e);
            }
        }
    }

    private void ensureRunningLocked(String mirror, Consumer<String> progress) throws IOException, ProviderException {
        Set<String> mirrors = new LinkedHashSet<>(recordedMirrors());
        if (PackageProxyConfig.servable(mirror)) {
            mirrors.add(mirror);
        } else if (!mirrors.contains(BaseImage.DEFAULT_MIRROR)) {
            progress.accept("package proxy: the nodes' image names the mirror " + mirror + ", which it cannot serve "
                    + "(http:// only); it serves " + BaseImage.DEFAULT_MIRROR + " instead");
            mirrors.add(BaseImage.DEFAULT_MIRROR);
        }
        String config = new PackageProxyConfig(dir, new ArrayList<>(mirrors)).render();
        Path conf = dir.resolve("conf").resolve("acng.conf");
        boolean same = Files.isRegularFile(conf) && Files.readString(conf).equals(config);
        Optional<Long> pid = pid();
        if (pid.isPresent() && same) {
            return;
        }
        if (pid.isPresent()) {
            progress.accept("package proxy: allowing " + mirror + " too; restarting it");
            stop(pid.get());
        }
        Files.createDirectories(conf.getParent());
        Files.createDirectories(dir.resolve("cache"));
        Files.createDirectories(dir.resolve("log"));
        Files.writeString(conf, config);
        Files.writeString(dir.resolve("mirrors"), String.join("\n", mirrors) + "\n");
        start(conf.getParent(), progress);
    }

    private List<String> recordedMirrors() throws IOException {
        Path file = dir.resolve("mirrors");
        return Files.isRegularFile(file) ? Files.readString(file).lines().filter(l -> !l.isBlank()).toList()
                : List.of();
    }

    /** The proxy's PID while it runs. */
    public Optional<Long> pid() {
        return PidFile.alive(dir.resolve("pid"), COMMAND + " -c " + dir.resolve("conf"));
    }

    private void start(Path confDir, Consumer<String> progress) throws IOException, ProviderException {
        Path command = HostTools.find(COMMAND).orElseThrow(() -> new ProviderException(COMMAND
                + " is not installed; install it with: apt-get install -y " + COMMAND));
        Path run = dir.resolve("run.sh");
        Files.writeString(run, "#!/bin/sh\n# plumbery's package proxy (see conf/acng.conf)\n"
                + "echo $$ > " + shell(dir.resolve("pid").toString()) + "\n"
                + "exec " + shell(command.toString()) + " -c " + shell(confDir.toString()) + " ForeGround=1\n");
        Path out = dir.resolve("log").resolve("console.log");
        Files.deleteIfExists(dir.resolve("pid"));
        Exec.detached(run, out, "the package proxy");
        boolean up = Wait.polling(START, Duration.ofMillis(100)).until(() -> pid().isPresent() && listening());
        if (!up) {
            pid().ifPresent(this::stop);
            throw new ProviderException("the package proxy did not listen on " + LISTEN + ":" + PORT + " within "
                    + START.toSeconds() + " s (is the port taken?); last lines of its logs:\n"
                    + Exec.tailOf(out, 5) + "\n" + Exec.tailOf(dir.resolve("log").resolve("apt-cacher.err"), 5));
        }
        progress.accept("package proxy: listening on " + LISTEN + ":" + PORT + " for the nodes, cache in "
                + dir.resolve("cache"));
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LISTEN, PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if it is still there after a few seconds. */
    private void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        if (!Wait.polling(Duration.ofSeconds(5), Duration.ofMillis(100)).until(() -> pid().isEmpty())) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
