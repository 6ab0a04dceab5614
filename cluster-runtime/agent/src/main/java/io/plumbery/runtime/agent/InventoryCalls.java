package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;

/** v1 {@code GET_CONTAINERS}, {@code GET_FLAGS}, {@code GET_METRICS}, {@code GET_FRAMEWORKS}, {@code GET_EXECUTORS}. */
final class InventoryCalls implements V1Calls {
    private final AgentTasks tasks;
    private final AgentInventory inventory;

    private final AgentViewers viewers;

    InventoryCalls(AgentInventory inventory, AgentViewers viewers) {
        this.tasks = inventory.tasks();
        this.inventory = inventory;
        this.viewers = viewers;
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) {
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "GET_CONTAINERS" -> {
                ArrayNode containers = out.putObject("get_containers").putArray("containers");
                tasks.live().forEach(t -> containers.add(ExecutorViews.containerV1(t)));
                viewers.filter(ex).v1Containers((ObjectNode) out.path("get_containers"));
            }
            case "GET_FLAGS" -> {
                ArrayNode list = out.putObject("get_flags").putArray("flags");
                inventory.flags().get().forEach((name, value) -> list.addObject().put("name", name).put("value", value));
            }
            case "GET_METRICS" -> {
                ArrayNode list = out.putObject("get_metrics").putArray("metrics");
                inventory.metrics().snapshot().forEach((name, value) -> list.addObject().put("name", name).put("value", value));
            }
            case "GET_FRAMEWORKS" -> out.set("get_frameworks", viewers.filter(ex).v1Frameworks(frameworks()));
            case "GET_EXECUTORS" -> out.set("get_executors", viewers.filter(ex).v1Executors(executors(tasks)));
            default -> {
                return false;
            }
        }
        ex.json(200, out);
        return true;
    }

    private ObjectNode frameworks() {
        ObjectNode o = Json.object();
        ArrayNode live = o.putArray("frameworks");
        tasks.frameworks().forEach((id, info) -> {
            ObjectNode framework = info == null ? Json.object() : Json.tree(info.withId(Id.of(id)));
            framework.putObject("id").put("value", id);
            live.addObject().set("framework_info", framework);
        });
        o.putArray("completed_frameworks");
        return o;
    }

    /** The executors of the agent's live tasks, and of those it remembers ended. */
    static ObjectNode executors(AgentTasks tasks) {
        ObjectNode o = Json.object();
        ArrayNode live = o.putArray("executors");
        tasks.live().forEach(t -> live.addObject().set("executor_info", ExecutorViews.executorInfo(t)));
        ArrayNode ended = o.putArray("completed_executors");
        tasks.completed().forEach(t -> ended.addObject().set("executor_info", ExecutorViews.executorInfo(t)));
        return o;
    }
}
