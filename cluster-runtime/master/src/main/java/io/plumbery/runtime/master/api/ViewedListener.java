package io.plumbery.runtime.master.api;

import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.master.OperatorListener;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.TaskRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * A SUBSCRIBE stream's events, as Mesos sends them to a subscriber: TASK_* only of tasks it may view, FRAMEWORK_* only
 * of frameworks it may view; agents and heartbeats to all. Knows each framework's info to judge its tasks by; called
 * under the master's lock, as every listener.
 */
final class ViewedListener implements OperatorListener {
    private final Viewer viewer;
    private final OperatorListener events;
    private final Map<String, FrameworkInfo> frameworks = new HashMap<>();

    /** Call under the state lock. */
    ViewedListener(Viewer viewer, MasterState s, OperatorListener events) {
        this.viewer = viewer;
        this.events = events;
        s.completedFrameworks.forEach(fw -> frameworks.put(fw.id(), fw.info()));
        s.frameworks.values().forEach(fw -> frameworks.put(fw.id(), fw.info()));
    }

    private boolean sees(TaskRecord task) {
        return frameworks.containsKey(task.frameworkId())
                && viewer.seesTask(ViewFilter.userOf(frameworks.get(task.frameworkId())), ViewFilter.userOf(task.info()));
    }

    @Override
    public void taskAdded(TaskRecord task) {
        if (sees(task)) {
            events.taskAdded(task);
        }
    }

    @Override
    public void taskUpdated(TaskRecord task, TaskStatus status) {
        if (sees(task)) {
            events.taskUpdated(task, status);
        }
    }

    @Override
    public void agentAdded(AgentRecord agent, MasterState state) {
        events.agentAdded(agent, state);
    }

    @Override
    public void agentRemoved(String agentId) {
        events.agentRemoved(agentId);
    }

    @Override
    public void frameworkAdded(FrameworkRecord framework, MasterState state, boolean updated) {
        frameworks.put(framework.id(), framework.info());
        if (viewer.seesFramework(ViewFilter.userOf(framework.info()))) {
            events.frameworkAdded(framework, state, updated);
        }
    }

    @Override
    public void frameworkRemoved(FrameworkInfo info) {
        if (viewer.seesFramework(ViewFilter.userOf(info))) {
            events.frameworkRemoved(info);
        }
    }

    @Override
    public void heartbeat() {
        events.heartbeat();
    }

    @Override
    public void close() {
        events.close();
    }

    @Override
    public boolean isOpen() {
        return events.isOpen();
    }
}
