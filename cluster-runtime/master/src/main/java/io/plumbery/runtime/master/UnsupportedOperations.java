package io.plumbery.runtime.master;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskInfo;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.state.FrameworkRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of an ACCEPT that this master does not carry out (LAUNCH_GROUP, RESERVE, UNRESERVE, CREATE, DESTROY,
 * GROW_VOLUME, ...), answered as Mesos answers an operation it refuses: a task group's tasks get TASK_ERROR, an
 * operation with an id gets an OPERATION_ERROR status update, any other is logged; their resources are recovered
 * with the rest of the offers.
 */
final class UnsupportedOperations {
    private static final Logger LOG = LoggerFactory.getLogger(UnsupportedOperations.class);

    private UnsupportedOperations() {
    }

    /** Caller holds the lock. */
    static void refuse(FrameworkRecord fw, List<Call.Operation> operations, String agentId) {
        for (Call.Operation op : operations) {
            String why = "Operation " + op.type() + " is not supported by this master";
            if ("LAUNCH_GROUP".equals(op.type())) {
                List<TaskInfo> tasks = op.launchGroup() == null || op.launchGroup().taskGroup() == null
                        || op.launchGroup().taskGroup().tasks() == null ? List.of() : op.launchGroup().taskGroup().tasks();
                for (TaskInfo task : tasks) {
                    fw.send(Event.update(MasterCore.masterStatus(task.taskId() == null ? "" : task.taskId().value(),
                            TaskState.TASK_ERROR, agentId, "REASON_TASK_GROUP_INVALID", "Task group is invalid: " + why)));
                }
            } else if (op.id() != null) {
                ObjectNode status = Json.object();
                status.putObject("operation_id").put("value", op.id().value());
                status.put("state", "OPERATION_ERROR");
                status.put("message", why);
                if (agentId != null) {
                    status.putObject("agent_id").put("value", agentId);
                }
                fw.send(Event.updateOperationStatus(status));
            } else {
                LOG.warn("Framework {}: dropping an {} operation: {}; its resources are recovered", fw.id(), op.type(), why);
            }
        }
    }
}
