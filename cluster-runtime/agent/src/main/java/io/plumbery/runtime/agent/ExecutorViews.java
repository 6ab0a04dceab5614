package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.util.Optional;

/**
 * The command executor of a task as Mesos shows it: its {@code ExecutorInfo} in the v1 API, its container in
 * {@code /containers} and {@code GET_CONTAINERS}, its statistics in {@code /monitor/statistics}.
 */
final class ExecutorViews {
    private ExecutorViews() {
    }

    static ObjectNode executorInfo(CommandTask t) {
        ObjectNode o = Json.object();
        o.putObject("executor_id").put("value", t.executorId());
        o.putObject("framework_id").put("value", t.frameworkId());
        return o.put("name", t.executorName()).put("source", t.executorId());
    }

    /** One entry of {@code /monitor/statistics}; empty when the task runs no process now. */
    static Optional<ObjectNode> statistics(CommandTask t) {
        return t.usage().map(usage -> identity(t).set("statistics", usage.json()));
    }

    /** One entry of {@code /containers}. */
    static ObjectNode container(CommandTask t) {
        ObjectNode o = identity(t).put("container_id", t.containerId());
        o.set("container_status", status(t));
        t.usage().ifPresent(usage -> o.set("statistics", usage.json()));
        return o;
    }

    /** One container of the v1 {@code GET_CONTAINERS} answer. */
    static ObjectNode containerV1(CommandTask t) {
        ObjectNode o = Json.object();
        o.putObject("framework_id").put("value", t.frameworkId());
        o.putObject("executor_id").put("value", t.executorId());
        o.put("executor_name", t.executorName());
        o.putObject("container_id").put("value", t.containerId());
        o.set("container_status", status(t));
        t.usage().ifPresent(usage -> o.set("resource_statistics", usage.json()));
        return o;
    }

    private static ObjectNode identity(CommandTask t) {
        return Json.object().put("framework_id", t.frameworkId()).put("executor_id", t.executorId())
                .put("executor_name", t.executorName()).put("source", t.executorId());
    }

    private static ObjectNode status(CommandTask t) {
        ObjectNode s = Json.object();
        s.putObject("container_id").put("value", t.containerId());
        if (t.pid() > 0) {
            s.put("executor_pid", t.pid());
        }
        return s;
    }
}
