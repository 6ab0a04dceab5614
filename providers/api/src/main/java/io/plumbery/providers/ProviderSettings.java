package io.plumbery.providers;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider is opened with.
 *
 * @param plan     the plan's name; every resource a provider creates is named from it
 * @param workDir  a directory that belongs to this plan (next to its state), for keys, images, caches
 * @param identity the plan's SSH key pair and login user
 * @param options  the facility's provider settings ({@code locationId}, {@code regionId}, credentials...)
 */
public record ProviderSettings(String plan, Path workDir, SshIdentity identity, Map<String, String> options) {

    public ProviderSettings {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(identity, "identity");
        options = Map.copyOf(options);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
