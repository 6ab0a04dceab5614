package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.Json;

/**
 * The agent's {@code /metrics/snapshot}, {@code /monitor/statistics}, {@code /containers} and {@code /flags}, in
 * Mesos's shapes, with {@code ?jsonp=} as Mesos has it on each. All but the metrics are endpoints of the agent's own
 * process in Mesos, so they answer under {@code /slave(1)} too.
 */
final class MonitorEndpoints {
    private final AgentTasks tasks;
    private final AgentInventory inventory;
    private final AgentViewers viewers;

    MonitorEndpoints(AgentInventory inventory, AgentViewers viewers) {
        this.tasks = inventory.tasks();
        this.inventory = inventory;
        this.viewers = viewers;
    }

    void register(Router router) {
        router.route(ex -> Jsonp.ok(ex, inventory.metrics().snapshot()), "/metrics/snapshot");
        router.route(this::statistics, "/monitor/statistics", "/slave(1)/monitor/statistics");
        router.route(this::containers, "/containers", "/slave(1)/containers");
        router.route(ex -> {
            ObjectNode o = Json.object();
            o.set("flags", Json.tree(inventory.flags().get()));
            Jsonp.ok(ex, o);
        }, "/flags", "/slave(1)/flags");
    }

    private void statistics(Exchange ex) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        tasks.live().forEach(t -> ExecutorViews.statistics(t).ifPresent(out::add));
        Jsonp.ok(ex, out);
    }

    /** Filtered by {@code container_id} alone, {@code framework_id} alone, or both framework and executor ids. */
    private void containers(Exchange ex) {
        String containerId = ex.query("container_id");
        String frameworkId = ex.query("framework_id");
        String executorId = ex.query("executor_id");
        if ((containerId != null && (executorId != null || frameworkId != null))
                || (containerId == null && executorId != null && frameworkId == null)) {
            ex.text(400, "Supported query parameters are container_id only,"
                    + " framework_id only, or executor_id and framework_id only");
            return;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (CommandTask t : tasks.live()) {
            if ((containerId == null || containerId.equals(t.containerId()))
                    && (frameworkId == null || frameworkId.equals(t.frameworkId()))
                    && (executorId == null || executorId.equals(t.executorId()))) {
                out.add(ExecutorViews.container(t));
            }
        }
        Jsonp.ok(ex, viewers.filter(ex).v0Containers(out));
    }
}
