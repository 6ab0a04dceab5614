package io.plumbery.runtime.marathon.mesos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.protocol.Json;

/**
 * An app of the Mesos containerizer with a Docker image ({@code container: {type: MESOS, docker: {image}}}), sent
 * as Marathon sends it: {@code ContainerInfo} of type MESOS whose {@code mesos.image} is of type DOCKER, cached
 * unless the app forces a pull. The agent provisions the image itself; no Docker engine is needed.
 */
final class MesosContainers {
    private MesosContainers() {
    }

    static boolean hasImage(AppDefinition app) {
        AppDefinition.Container c = app.container();
        return c != null && "MESOS".equals(c.type()) && c.docker() != null && c.docker().image() != null
                && !c.docker().image().isBlank();
    }

    static ObjectNode of(AppDefinition app) {
        AppDefinition.Docker d = app.container().docker();
        ObjectNode c = Json.object().put("type", "MESOS");
        ObjectNode image = c.putObject("mesos").putObject("image").put("type", "DOCKER")
                .put("cached", !Boolean.TRUE.equals(d.forcePullImage()));
        image.putObject("docker").put("name", d.image());
        return c;
    }
}
