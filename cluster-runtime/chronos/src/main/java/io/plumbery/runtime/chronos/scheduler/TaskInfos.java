package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.chronos.job.TaskId;
import io.plumbery.runtime.protocol.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** mesos.v1.TaskInfo JSON for one run, filled as Chronos fills it (name {@code ChronosTask:NAME}, its variables). */
final class TaskInfos {
    private TaskInfos() {
    }

    static ObjectNode build(Job job, TaskId id, OfferFit offer) {
        ObjectNode task = Json.object().put("name", "ChronosTask:" + job.name());
        task.putObject("task_id").put("value", id.value());
        task.putObject("agent_id").put("value", offer.agentId);
        task.set("resources", Json.MAPPER.valueToTree(OfferFit.needs(job).toProto(offer.allocationRole)));
        ObjectNode command = task.putObject("command").put("shell", job.shell());
        List<String> arguments = new java.util.ArrayList<>(job.arguments());
        if (!id.arguments().isEmpty()) {
            arguments.addAll(List.of(id.arguments().split(" ")));
        }
        if (job.shell()) {
            command.put("value", job.command());
        } else if (!job.command().isEmpty() || job.container() == null) {
            command.put("value", job.command());
            ArrayNode args = command.putArray("arguments").add(job.command());
            arguments.forEach(args::add);
        } else {
            ArrayNode args = command.putArray("arguments");
            arguments.forEach(args::add);
        }
        if (!job.runAsUser().isEmpty()) {
            command.put("user", job.runAsUser());
        }
        ArrayNode vars = command.putObject("environment").putArray("variables");
        environment(job, id, offer).forEach((k, v) -> vars.addObject().put("name", k).put("value", v));
        if (!job.uris().isEmpty()) {
            ArrayNode uris = command.putArray("uris");
            job.uris().forEach(u -> uris.addObject().put("value", u));
        }
        if (job.container() != null) {
            task.set("container", container(job.container()));
        }
        return task;
    }

    private static Map<String, String> environment(Job job, TaskId id, OfferFit offer) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("mesos_task_id", id.value());
        env.put("MESOS_TASK_ID", id.value());
        env.put("CHRONOS_JOB_OWNER", job.owner());
        env.put("CHRONOS_JOB_NAME", job.name());
        env.put("HOST", offer.hostname);
        env.put("CHRONOS_RESOURCE_MEM", String.valueOf(job.mem()));
        env.put("CHRONOS_RESOURCE_CPU", String.valueOf(job.cpus()));
        env.put("CHRONOS_RESOURCE_DISK", String.valueOf(job.disk()));
        env.put("CHRONOS_JOB_RUN_TIME", id.due().toString());
        env.put("CHRONOS_JOB_RUN_ATTEMPT", String.valueOf(id.attempt()));
        env.putAll(job.environment());
        return env;
    }

    /** mesos.v1.ContainerInfo of a Docker job: image, network, volumes, parameters. */
    private static ObjectNode container(JsonNode c) {
        ObjectNode out = Json.object().put("type", "DOCKER");
        ObjectNode docker = out.putObject("docker").put("image", c.path("image").asText())
                .put("network", c.path("network").asText("HOST"))
                .put("force_pull_image", c.path("forcePullImage").asBoolean(false));
        if (c.path("parameters").size() > 0) {
            ArrayNode params = docker.putArray("parameters");
            c.path("parameters").forEach(p -> params.addObject().put("key", p.path("key").asText())
                    .put("value", p.path("value").asText()));
        }
        if (c.path("volumes").size() > 0) {
            ArrayNode volumes = out.putArray("volumes");
            c.path("volumes").forEach(v -> {
                ObjectNode vol = volumes.addObject().put("container_path", v.path("containerPath").asText())
                        .put("mode", v.path("mode").asText("RW").toUpperCase());
                if (v.hasNonNull("hostPath")) {
                    vol.put("host_path", v.get("hostPath").asText());
                }
            });
        }
        return out;
    }
}
