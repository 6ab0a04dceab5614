package io.plumbery.runtime.cli;

import io.plumbery.runtime.agent.ImageSettings;
import io.plumbery.runtime.http.FlagFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The agent's container image flags, under Mesos's names: {@code --image_providers=docker} turns on the provisioning
 * of Docker images (tasks with a MESOS container's image, or DOCKER ones where no Docker engine runs), pulled from
 * {@code --docker_registry} into {@code --docker_store_dir} with the logins of {@code --docker_config}.
 * {@code --isolation} is shown as given: image containers always get filesystem/linux, docker/runtime and
 * namespaces/pid.
 */
final class ImageProviderFlags {
    @Option(names = "--image_providers", split = ",", defaultValue = "${env:MESOS_IMAGE_PROVIDERS}",
            description = "docker: provision Docker images for containers (default: none)")
    List<String> providers;

    @Option(names = "--docker_registry", defaultValue = "${env:MESOS_DOCKER_REGISTRY:-" + ImageSettings.DOCKER_HUB + "}",
            description = "Registry of image names that name none, as a URL (default ${DEFAULT-VALUE})")
    String registry;

    @Option(names = "--docker_store_dir", defaultValue = "${env:MESOS_DOCKER_STORE_DIR}",
            description = "Where pulled image blobs are kept by digest (default: WORK_DIR/store/docker)")
    Path storeDir;

    @Option(names = "--docker_config", defaultValue = "${env:MESOS_DOCKER_CONFIG}",
            description = "Docker client config file with registry logins (path or file://; never the JSON itself)")
    String dockerConfig;

    @Option(names = "--isolation", defaultValue = "${env:MESOS_ISOLATION:-posix/cpu,posix/mem}",
            description = "Isolators, as Mesos names them (default ${DEFAULT-VALUE})")
    String isolation;

    /** The provider's settings, or null when it is off. */
    ImageSettings settings(CommandSpec spec, Path workDir) {
        if (providers == null || providers.isEmpty()) {
            return null;
        }
        for (String p : providers) {
            if (!p.strip().equalsIgnoreCase("docker")) {
                throw new ParameterException(spec.commandLine(), "Unknown image provider '" + p
                        + "' in --image_providers (known: docker)");
            }
        }
        if (dockerConfig != null && dockerConfig.strip().startsWith("{")) {
            throw new ParameterException(spec.commandLine(),
                    "--docker_config takes a file, not the JSON itself (no secret on a command line)");
        }
        return new ImageSettings(registry, storeDir != null ? storeDir : workDir.resolve("store").resolve("docker"),
                FlagFile.of(dockerConfig));
    }
}
