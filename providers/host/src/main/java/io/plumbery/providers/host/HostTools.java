package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** What a provider needs of this host: Linux, root, and commands, found where sudo and systemd look too. */
public final class HostTools {

    private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private HostTools() {
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

    /**
     * Null when this is Linux and the process runs as root, else why {@code provider} cannot run here.
     *
     * @param linuxFor what of Linux the provider uses: {@code systemd-nspawn, bridges, nftables}
     * @param rootFor  what it does that needs root: {@code it creates bridges}
     */
    public static String whyNotLinuxRoot(String provider, String linuxFor, String rootFor) {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "provider '" + provider + "' needs Linux (" + linuxFor + "); this is " + System.getProperty("os.name");
        }
        if (!isRoot()) {
            return "provider '" + provider + "' needs root: " + rootFor + ". Run plumbery as root (e.g. 'sudo plumbery"
                    + " ...').";
        }
        return null;
    }

    /** The Debian packages of the {@code required} commands (command to package) this host lacks, each once. */
    public static List<String> missingPackages(Map<String, String> required) {
        Set<String> packages = new LinkedHashSet<>();
        for (Map.Entry<String, String> tool : new TreeMap<>(required).entrySet()) {
            if (find(tool.getKey()).isEmpty()) {
                packages.add(tool.getValue());
            }
        }
        return new ArrayList<>(packages);
    }

    /**
     * Fails with the exact remedy unless the {@code required} commands are all there; installs what is missing
     * with apt-get first when {@code install} allows it and apt-get exists.
     */
    public static void ensureInstalled(String provider, Map<String, String> required, boolean install,
                                       Consumer<String> progress) throws ProviderException {
        List<String> missing = missingPackages(required);
        if (missing.isEmpty()) {
            return;
        }
        String command = "apt-get install -y " + String.join(" ", missing);
        if (!install || find("apt-get").isEmpty()) {
            throw new ProviderException("provider '" + provider + "' needs host tools that are missing; install them"
                    + " with: " + command);
        }
        progress.accept(provider + ": installing missing host tools: " + command);
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends"));
        cmd.addAll(missing);
        Exec.Result first = Exec.run(Duration.ofMinutes(10), cmd);
        if (!first.ok()) {
            progress.accept(provider + ": apt-get install failed, running apt-get update and trying again");
            Exec.run(Duration.ofMinutes(5), List.of("apt-get", "update", "-q"));
            Exec.Result second = Exec.run(Duration.ofMinutes(10), cmd);
            if (!second.ok()) {
                throw new ProviderException("could not install host tools (" + command + "): "
                        + Exec.tail(second.err() + second.out(), 8));
            }
        }
        List<String> still = missingPackages(required);
        if (!still.isEmpty()) {
            throw new ProviderException("host tools still missing after installing; install them with: apt-get install -y "
                    + String.join(" ", still));
        }
    }
}
