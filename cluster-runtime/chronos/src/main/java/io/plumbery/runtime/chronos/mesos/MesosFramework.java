package io.plumbery.runtime.chronos.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.scheduler.Framework;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import java.util.Map;

/** The job scheduler's calls as v1 scheduler calls on a {@link SchedulerClient}. */
public final class MesosFramework implements Framework {
    private static final double DECLINE_SECONDS = 5;
    private final SchedulerClient client;

    public MesosFramework(SchedulerClient client) {
        this.client = client;
    }

    @Override
    public void launch(String offerId, List<ObjectNode> taskInfos) {
        ObjectNode call = Json.object().put("type", "ACCEPT");
        ObjectNode accept = call.putObject("accept");
        accept.putArray("offer_ids").addObject().put("value", offerId);
        ArrayNode infos = accept.putArray("operations").addObject().put("type", "LAUNCH").putObject("launch")
                .putArray("task_infos");
        taskInfos.forEach(infos::add);
        accept.putObject("filters").put("refuse_seconds", 1.0);
        client.call(call);
    }

    @Override
    public void decline(String offerId) {
        ObjectNode call = Json.object().put("type", "DECLINE");
        ObjectNode decline = call.putObject("decline");
        decline.putArray("offer_ids").addObject().put("value", offerId);
        decline.putObject("filters").put("refuse_seconds", DECLINE_SECONDS);
        client.call(call);
    }

    @Override
    public void kill(String taskId, String agentId) {
        ObjectNode call = Json.object().put("type", "KILL");
        ObjectNode kill = call.putObject("kill");
        kill.putObject("task_id").put("value", taskId);
        if (!agentId.isEmpty()) {
            kill.putObject("agent_id").put("value", agentId);
        }
        client.call(call);
    }

    @Override
    public void revive() {
        client.call(Json.object().put("type", "REVIVE"));
    }

    @Override
    public void acknowledge(JsonNode status) {
        if (status.hasNonNull("uuid") && status.has("agent_id")) {
            ObjectNode call = Json.object().put("type", "ACKNOWLEDGE");
            call.putObject("acknowledge").put("uuid", status.get("uuid").asText())
                    .setAll(Map.of("agent_id", status.get("agent_id"), "task_id", status.get("task_id")));
            client.call(call);
        }
    }

    @Override
    public void reconcile(Map<String, String> tasks) {
        ObjectNode call = Json.object().put("type", "RECONCILE");
        ArrayNode list = call.putObject("reconcile").putArray("tasks");
        tasks.forEach((taskId, agentId) -> {
            ObjectNode t = list.addObject();
            t.putObject("task_id").put("value", taskId);
            if (!agentId.isEmpty()) {
                t.putObject("agent_id").put("value", agentId);
            }
        });
        client.call(call);
    }
}
