package io.plumbery.providers.local;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** What the host must have: root, and the tools below; missing tools are installed with apt when possible. */
public final class HostTools {

    /** Command to Debian package. */
    static final Map<String, String> REQUIRED = tools();

    private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private HostTools() {
    }

    private static Map<String, String> tools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("systemd-nspawn", "systemd-container");
        tools.put("debootstrap", "debootstrap");
        tools.put("nft", "nftables");
        tools.put("ip", "iproute2");
        tools.put("unshare", "util-linux");
        tools.put("setsid", "util-linux");
        tools.put("setpriv", "util-linux");
        tools.put("chroot", "coreutils");
        tools.put("ssh-keygen", "openssh-client");
        return Map.copyOf(tools);
    }

    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A command on PATH or in the usual system directories (sudo and systemd run with a short PATH). */
    public static Optional<Path> find(String command) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SYSTEM_PATH);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<String> missingPackages() {
        Set<String> packages = new LinkedHashSet<>();
        for (Map.Entry<String, String> tool : new java.util.TreeMap<>(REQUIRED).entrySet()) {
            if (find(tool.getKey()).isEmpty()) {
                packages.add(tool.getValue());
            }
        }
        return new ArrayList<>(packages);
    }

    /** Fails with the exact remedy unless the host can run local nodes; installs what is missing when it can. */
    static void ensure(boolean install, Consumer<String> progress) throws ProviderException {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            throw new ProviderException("provider 'local' needs Linux (systemd-nspawn, bridges, nftables); this is "
                    + System.getProperty("os.name"));
        }
        if (!isRoot()) {
            throw new ProviderException("provider 'local' needs root: it creates bridges, nftables rules and "
                    + "systemd-nspawn containers. Run plumbery as root (e.g. 'sudo plumbery ...').");
        }
        List<String> missing = missingPackages();
        if (missing.isEmpty()) {
            return;
        }
        String command = "apt-get install -y " + String.join(" ", missing);
        if (!install || find("apt-get").isEmpty()) {
            throw new ProviderException("provider 'local' needs host tools that are missing; install them with: "
                    + command);
        }
        progress.accept("local: installing missing host tools: " + command);
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        cmd.addAll(missing);
        Exec.Result first = Exec.run(Duration.ofMinutes(10), cmd);
        if (!first.ok()) {
            progress.accept("local: apt-get install failed, running apt-get update and trying again");
            Exec.run(Duration.ofMinutes(5), List.of("apt-get", "update", "-q"));
            Exec.Result second = Exec.run(Duration.ofMinutes(10), cmd);
            if (!second.ok()) {
                throw new ProviderException("could not install host tools (" + command + "): "
                        + Exec.tail(second.err() + second.out(), 8));
            }
        }
        List<String> still = missingPackages();
        if (!still.isEmpty()) {
            throw new ProviderException("host tools still missing after installing; install them with: apt-get install -y "
                    + String.join(" ", still));
        }
    }
}
