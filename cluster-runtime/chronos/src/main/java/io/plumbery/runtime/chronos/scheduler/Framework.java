package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The calls the job scheduler makes to the master (v1 scheduler API); a test records them instead. */
public interface Framework {
    void launch(String offerId, List<ObjectNode> taskInfos);

    void decline(String offerId);

    void kill(String taskId, String agentId);

    void revive();

    /** Acknowledges a status update that carries a {@code uuid}. */
    void acknowledge(JsonNode status);

    /** Asks for the state of every task of the framework (implicit reconciliation). */
    void reconcile();
}
