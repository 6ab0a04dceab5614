package io.plumbery.providers;

import io.plumbery.node.ssh.SshIdentity;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What a provider is opened with.
 *
 * @param plan     the plan's name; every resource a provider creates is named from it
 * @param workDir  a directory that belongs to this plan (next to its state), for keys, images, caches
 * @param identity the plan's SSH key pair and login user
 * @param options  the facility's provider settings ({@code locationId}, {@code regionId}, credentials...)
 * @param planDir  the folder of the plan file: file names in {@code options} are relative to it
 */
public record ProviderSettings(String plan, Path workDir, SshIdentity identity, Map<String, String> options,
                               Path planDir) {

    public ProviderSettings {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(identity, "identity");
        options = Map.copyOf(options);
        planDir = planDir == null ? workDir : planDir;
    }

    /** Settings whose file names are relative to the work directory. */
    public ProviderSettings(String plan, Path workDir, SshIdentity identity, Map<String, String> options) {
        this(plan, workDir, identity, options, null);
    }

    /** A file an option names, relative to the plan's folder ({@code ~/} is the user's home); empty when unset. */
    public Optional<Path> file(String key) {
        return option(key).map(String::strip).filter(v -> !v.isEmpty()).map(v -> v.startsWith("~/")
                ? Path.of(System.getProperty("user.home")).resolve(v.substring(2))
                : planDir.resolve(v)).map(p -> p.toAbsolutePath().normalize());
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /** An option that is a number of seconds, from 1 to 3600; {@code fallback} when it is not set. */
    public long seconds(String key, long fallback) throws ProviderException {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s >= 1 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ProviderException("option " + key + " must be a number of seconds from 1 to 3600, not '" + v + "'");
    }

    /** An option that is true or false (also yes/no, 1/0); {@code fallback} when it is not set. */
    public boolean flag(String key, boolean fallback) throws ProviderException {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ProviderException("option " + key + " must be true or false, not '" + v + "'");
        };
    }

    /**
     * Progress lines for people, on standard error unless {@code quiet}; the options a provider that reads
     * {@code known} does not know are said first, so that a typo does not go unnoticed.
     */
    public Consumer<String> progress(String provider, boolean quiet, Set<String> known) {
        Consumer<String> progress = quiet ? line -> { } : System.err::println;
        java.util.List<String> unknown = unknownOptions(known);
        if (!unknown.isEmpty()) {
            progress.accept(provider + ": ignoring options this provider does not know: " + String.join(", ", unknown)
                    + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
        }
        return progress;
    }

    /** The options a provider that reads {@code known} does not know, sorted (reported, not fatal). */
    public java.util.List<String> unknownOptions(java.util.Set<String> known) {
        return options.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
    }
}
