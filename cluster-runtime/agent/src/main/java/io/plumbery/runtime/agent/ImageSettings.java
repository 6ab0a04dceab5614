package io.plumbery.runtime.agent;

import java.nio.file.Path;

/**
 * The docker image provider's flags, under Mesos's names: {@code --docker_registry} (the registry of image names that
 * name none, a URL whose scheme also says how to reach that registry), {@code --docker_store_dir} (where pulled blobs
 * are kept by digest), {@code --docker_config} (a Docker client config file with the registries' logins, or null).
 */
public record ImageSettings(String registry, Path storeDir, Path dockerConfig) {
    /** Mesos's default registry. */
    public static final String DOCKER_HUB = "https://registry-1.docker.io";
}
