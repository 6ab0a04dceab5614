package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.master.OperatorListener;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.TaskRecord;

/** One v1 operator API subscriber: master events rendered as mesos.v1.master.Event JSON. */
final class OperatorStream implements OperatorListener {
    private final SubscriptionStream stream;

    OperatorStream(SubscriptionStream stream) {
        this.stream = stream;
    }

    private ObjectNode event(String type) {
        return Json.object().put("type", type);
    }

    @Override
    public void taskAdded(TaskRecord task) {
        ObjectNode e = event("TASK_ADDED");
        e.putObject("task_added").set("task", Json.tree(task.toV1()));
        stream.sendJson(e);
    }

    @Override
    public void taskUpdated(TaskRecord task, TaskStatus status) {
        ObjectNode e = event("TASK_UPDATED");
        ObjectNode u = e.putObject("task_updated");
        u.putObject("framework_id").put("value", task.frameworkId());
        u.set("status", Json.tree(status));
        u.put("state", status.state().name());
        stream.sendJson(e);
    }

    @Override
    public void agentAdded(AgentRecord agent, MasterState state) {
        ObjectNode e = event("AGENT_ADDED");
        e.putObject("agent_added").set("agent", OperatorApi.agent(agent, state));
        stream.sendJson(e);
    }

    @Override
    public void agentRemoved(String agentId) {
        ObjectNode e = event("AGENT_REMOVED");
        e.putObject("agent_removed").putObject("agent_id").put("value", agentId);
        stream.sendJson(e);
    }

    @Override
    public void frameworkAdded(FrameworkRecord framework, MasterState state, boolean updated) {
        String type = updated ? "FRAMEWORK_UPDATED" : "FRAMEWORK_ADDED";
        ObjectNode e = event(type);
        e.putObject(type.toLowerCase()).set("framework", OperatorApi.framework(framework, state));
        stream.sendJson(e);
    }

    @Override
    public void frameworkRemoved(FrameworkInfo info) {
        ObjectNode e = event("FRAMEWORK_REMOVED");
        e.putObject("framework_removed").set("framework_info", Json.tree(info));
        stream.sendJson(e);
    }

    @Override
    public void heartbeat() {
        stream.sendJson(event("HEARTBEAT"));
    }

    @Override
    public void close() {
        stream.close();
    }

    @Override
    public boolean isOpen() {
        return stream.isOpen();
    }
}
