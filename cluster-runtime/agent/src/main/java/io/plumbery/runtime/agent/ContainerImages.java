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

    static Optional<String> of(JsonNode container, boolean dockerEngine) {
        if (container == null || container.isNull()) {
            return Optional.empty();
        }
        String type = container.path("type").asText("MESOS");
        if ("MESOS".equals(type)) {
            JsonNode image = container.path("mesos").path("image");
            return "DOCKER".equals(image.path("type").asText()) ? text(image.path("docker").path("name"))
                    : Optional.empty();
        }
        return "DOCKER".equals(type) && !dockerEngine ? text(container.path("docker").path("image")) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() ? Optional.of(node.asText()) : Optional.of("");
    }
}
