package io.plumbery.runtime.master;

import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.TaskRecord;

/** Receives the v1 operator API's events; called under the master's lock, so implementations only enqueue. */
public interface OperatorListener {
    void taskAdded(TaskRecord task);

    void taskUpdated(TaskRecord task, TaskStatus status);

    void agentAdded(AgentRecord agent, MasterState state);

    void agentRemoved(String agentId);

    void frameworkAdded(FrameworkRecord framework, MasterState state, boolean updated);

    void frameworkRemoved(FrameworkInfo info);

    void heartbeat();

    void close();

    /** False once the subscriber is gone (it is then dropped). */
    boolean isOpen();
}
