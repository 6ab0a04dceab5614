package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The Docker image a task's ContainerInfo asks the agent itself to provision: a MESOS container's
 * {@code mesos.image} of type DOCKER, or a DOCKER container's {@code docker.image} on an agent whose Docker
 * containerizer is off (which then runs it as the Mesos containerizer would, without a daemon).
 */
final class ContainerImages {
    private ContainerImages() {
    }

    /**
     * An image to provision: its name, and whether a cached copy will do (Mesos's {@code Image.cached}, true unless
     * set; for a DOCKER container, unless it forces a pull).
     */
    record Request(String name, boolean cached) {
    }

    static Optional<Request> of(JsonNode container, boolean dockerEngine) {
        if (container == null || container.isNull()) {
            return Optional.empty();
        }
        String type = container.path("type").asText("MESOS");
        if ("MESOS".equals(type)) {
            JsonNode image = container.path("mesos").path("image");
            return "DOCKER".equals(image.path("type").asText()) ? Optional.of(new Request(
                    image.path("docker").path("name").asText(""), image.path("cached").asBoolean(true)))
                    : Optional.empty();
        }
        JsonNode docker = container.path("docker");
        return "DOCKER".equals(type) && !dockerEngine ? Optional.of(new Request(docker.path("image").asText(""),
                !docker.path("force_pull_image").asBoolean(false))) : Optional.empty();
    }
}
