package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The calls the job scheduler makes to the master (v1 scheduler API); a test records them instead. */
public interface Framework {
    void launch(String offerId, List<ObjectNode> taskInfos);

    void decline(String offerId);

    void kill(String taskId, String agentId);

    void revive();

    /** Acknowledges a status update that carries a {@code uuid}. */
    void acknowledge(JsonNode status);

    /**
     * Asks for the state of these tasks (task id to agent id; the master answers TASK_LOST for those it does not
     * know), or of every task of the framework when there are none (implicit reconciliation).
     */
    void reconcile(Map<String, String> tasks);
}
