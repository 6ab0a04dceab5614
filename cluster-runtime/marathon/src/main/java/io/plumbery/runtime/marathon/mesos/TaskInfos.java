package io.plumbery.runtime.marathon.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import java.util.Map;

/** Builds mesos.v1.TaskInfo JSON for an app's task, the way Marathon fills it (command, env, ports, labels). */
public final class TaskInfos {
    private TaskInfos() {
    }

    /** A task of resources all unreserved ({@code *}). */
    public static ObjectNode build(AppDefinition app, String taskId, OfferResources offer, List<Integer> ports) {
        return build(app, taskId, offer, new OfferResources.Taken(ports, List.of(new OfferResources.Portion(
                OfferResources.UNRESERVED, null, app.cpus(), app.mem(), app.disk(), ports))));
    }

    /** A task of the resources {@code taken} from the offer, each part with its reservation as the offer has it. */
    public static ObjectNode build(AppDefinition app, String taskId, OfferResources offer, OfferResources.Taken taken) {
        List<Integer> ports = taken.ports();
        ObjectNode task = Json.object();
        List<String> segments = new java.util.ArrayList<>(app.pathId().segments());
        java.util.Collections.reverse(segments);
        task.put("name", segments.isEmpty() ? taskId : String.join(".", segments));
        task.putObject("task_id").put("value", taskId);
        task.putObject("agent_id").put("value", offer.agentId());
        ArrayNode res = task.putArray("resources");
        for (int i = 0; i < taken.portions().size(); i++) {
            resources(res, taken.portions().get(i), i == 0, offer.allocationInfo());
        }
        ObjectNode command = task.putObject("command");
        if (app.cmd() != null) {
            command.put("shell", true).put("value", app.cmd());
        } else if (app.args() != null && !app.args().isEmpty()) {
            // an image's task's arguments follow the image's entrypoint; a command task's first is the program
            command.put("shell", false);
            if (!app.isDocker() && !MesosContainers.hasImage(app)) {
                command.put("value", app.args().get(0));
            }
            ArrayNode args = command.putArray("arguments");
            app.args().forEach(args::add);
        } else if (app.isDocker() || MesosContainers.hasImage(app)) {
            command.put("shell", false); // the image's own entrypoint and command
        }
        if (app.user() != null) {
            command.put("user", app.user());
        }
        ArrayNode vars = command.putObject("environment").putArray("variables");
        for (Map.Entry<String, String> e : app.taskEnv(ports, offer.hostname(), taskId).entrySet()) {
            vars.addObject().put("name", e.getKey()).put("value", e.getValue());
        }
        if (!app.uris().isEmpty()) {
            ArrayNode uris = command.putArray("uris");
            app.uris().forEach(u -> uris.addObject().put("value", u));
        }
        if (app.isDocker()) {
            task.set("container", dockerContainer(app, ports));
        } else if (MesosContainers.hasImage(app)) {
            task.set("container", MesosContainers.of(app));
        }
        if (!app.labels().isEmpty()) {
            ArrayNode labels = task.putObject("labels").putArray("labels");
            app.labels().forEach((k, v) -> labels.addObject().put("key", k).put("value", v));
        }
        app.healthChecks().stream().filter(h -> !h.protocol().equals("HTTP") && !h.protocol().equals("HTTPS")
                && !h.protocol().equals("TCP")).findFirst().ifPresent(h -> task.set("health_check", healthCheck(h, ports)));
        if (app.taskKillGracePeriodSeconds() != null) {
            task.putObject("kill_policy").putObject("grace_period")
                    .put("nanoseconds", app.taskKillGracePeriodSeconds() * 1_000_000_000L);
        }
        return task;
    }

    /** mesos.v1.ContainerInfo of a Docker app: image, network, port mappings to the host ports taken, volumes. */
    static ObjectNode dockerContainer(AppDefinition app, List<Integer> hostPorts) {
        AppDefinition.Docker d = app.container().docker();
        ObjectNode c = Json.object().put("type", "DOCKER");
        ObjectNode docker = c.putObject("docker").put("image", d.image()).put("network", app.dockerNetwork())
                .put("privileged", Boolean.TRUE.equals(d.privileged()))
                .put("force_pull_image", Boolean.TRUE.equals(d.forcePullImage()));
        if (!"HOST".equals(app.dockerNetwork())) {
            ArrayNode mappings = docker.putArray("port_mappings");
            List<AppDefinition.PortMapping> mapped = app.portMappings().stream().filter(m -> m.hostPort() != null).toList();
            for (int i = 0; i < mapped.size() && i < hostPorts.size(); i++) {
                AppDefinition.PortMapping m = mapped.get(i);
                for (String protocol : m.protocol().split(",")) {
                    mappings.addObject().put("host_port", hostPorts.get(i))
                            .put("container_port", m.containerPort() == 0 ? hostPorts.get(i) : m.containerPort())
                            .put("protocol", protocol.trim());
                }
            }
        }
        if (d.parameters() != null && d.parameters().isArray()) {
            ArrayNode params = docker.putArray("parameters");
            d.parameters().forEach(p -> params.addObject().put("key", p.path("key").asText())
                    .put("value", p.path("value").asText()));
        }
        JsonNode volumes = app.container().volumes();
        if (volumes != null && volumes.isArray() && !volumes.isEmpty()) {
            ArrayNode out = c.putArray("volumes");
            volumes.forEach(v -> {
                ObjectNode vol = out.addObject().put("container_path", v.path("containerPath").asText())
                        .put("mode", v.path("mode").asText("RW"));
                if (v.hasNonNull("hostPath")) {
                    vol.put("host_path", v.get("hostPath").asText());
                }
            });
        }
        return c;
    }

    /** mesos.v1.HealthCheck for the checks Mesos runs (COMMAND, MESOS_HTTP(S), MESOS_TCP); one per task. */
    static ObjectNode healthCheck(AppDefinition.HealthCheck h, List<Integer> ports) {
        ObjectNode hc = Json.object().put("delay_seconds", (double) h.delaySeconds())
                .put("interval_seconds", (double) h.intervalSeconds()).put("timeout_seconds", (double) h.timeoutSeconds())
                .put("consecutive_failures", h.maxConsecutiveFailures())
                .put("grace_period_seconds", (double) h.gracePeriodSeconds());
        int port = h.port() != null ? h.port()
                : h.portIndex() != null && h.portIndex() < ports.size() ? ports.get(h.portIndex()) : 0;
        switch (h.protocol()) {
            case "COMMAND" -> {
                hc.put("type", "COMMAND");
                hc.putObject("command").put("shell", true).put("value", h.command().path("value").asText());
            }
            case "MESOS_TCP" -> {
                hc.put("type", "TCP");
                hc.putObject("tcp").put("port", port);
            }
            default -> {
                hc.put("type", "HTTP");
                hc.putObject("http").put("port", port).put("path", h.path() == null ? "/" : h.path())
                        .put("scheme", h.protocol().equals("MESOS_HTTPS") ? "https" : "http");
            }
        }
        return hc;
    }

    /**
     * One pool's part of the task: what it takes of it, and in the first part cpus and mem even at 0 (as Marathon
     * writes them).
     */
    private static void resources(ArrayNode res, OfferResources.Portion part, boolean first, JsonNode allocationInfo) {
        if (first || part.cpus() > 0) {
            scalar(res, "cpus", part.cpus(), part, allocationInfo);
        }
        if (first || part.mem() > 0) {
            scalar(res, "mem", part.mem(), part, allocationInfo);
        }
        if (part.disk() > 0) {
            scalar(res, "disk", part.disk(), part, allocationInfo);
        }
        if (!part.ports().isEmpty()) {
            ObjectNode r = res.addObject().put("name", "ports").put("type", "RANGES");
            ArrayNode ranges = r.putObject("ranges").putArray("range");
            part.ports().forEach(p -> ranges.addObject().put("begin", p).put("end", p));
            origin(r, part, allocationInfo);
        }
    }

    private static void scalar(ArrayNode res, String name, double value, OfferResources.Portion part,
                               JsonNode allocationInfo) {
        ObjectNode r = res.addObject().put("name", name).put("type", "SCALAR");
        r.putObject("scalar").put("value", value);
        origin(r, part, allocationInfo);
    }

    /** The offer's allocation role, and the part's reservation when it is reserved. */
    private static void origin(ObjectNode r, OfferResources.Portion part, JsonNode allocationInfo) {
        if (allocationInfo != null) {
            r.set("allocation_info", allocationInfo.deepCopy());
        }
        if (part.reservations() != null && !part.reservations().isMissingNode()) {
            r.set("reservations", part.reservations().deepCopy());
        }
    }
}
