package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.mesos.V1Codec;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ProtocolVersion;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's HTTP API: {@code /state}, v1 {@code /api/v1} GET_STATE/GET_HEALTH/GET_VERSION/GET_TASKS and the
 * {@code more} calls, internal endpoints (the master's calls, with its token).
 */
final class AgentApi {
    private final AgentServer agent;
    private final AgentTasks tasks;
    private final V1Calls more;
    private final MasterToken master;
    private final AgentViewers viewers;
    private final AgentAcls acls;

    AgentApi(AgentServer agent, AgentTasks tasks, V1Calls more, MasterToken master, AgentViewers viewers,
             AgentAcls acls) {
        this.agent = agent;
        this.tasks = tasks;
        this.more = more;
        this.master = master;
        this.viewers = viewers;
        this.acls = acls;
    }

    void register(Router router) {
        router.route(ex -> Jsonp.ok(ex, viewers.filter(ex).v0State(state())), "/state", "/state.json", "/slave(1)/state", "/slave(1)/state.json");
        router.route(ex -> ex.empty(200), "/health", "/slave(1)/health");
        router.route(V1Codec.agentOperator().around(this::v1), "/api/v1");
        router.route(ex -> ex.json(200, Json.object().put("version", ProtocolVersion.MESOS)), "/version");
        router.route(master.required(ex -> {
            String body = ex.body();
            if (Json.parse(body).has("launches")) {
                Json.read(body, AgentMessages.Launches.class).launches().forEach(tasks::launch);
            } else {
                tasks.launch(Json.read(body, AgentMessages.Launch.class));
            }
            ex.empty(202);
        }), AgentMessages.AGENT_LAUNCH);
        router.route(master.required(ex -> {
            tasks.kill(Json.read(ex.body(), AgentMessages.Kill.class));
            ex.empty(202);
        }), AgentMessages.AGENT_KILL);
        router.route(master.required(ex -> {
            String body = ex.body();
            if (Json.parse(body).has("acks")) {
                Json.read(body, AgentMessages.Acks.class).acks().forEach(tasks::acknowledge);
            } else {
                tasks.acknowledge(Json.read(body, AgentMessages.Ack.class));
            }
            ex.empty(202);
        }), AgentMessages.AGENT_ACK);
        router.route(master.required(ex -> {
            tasks.shutdownFramework(Json.read(ex.body(), AgentMessages.ShutdownFramework.class).frameworkId());
            ex.empty(202);
        }), AgentMessages.AGENT_SHUTDOWN_FRAMEWORK);
    }

    private void v1(Exchange ex) throws Exception {
        JsonNode call = Json.parse(ex.body());
        String type = call.path("type").asText("");
        if (!acls.allows(type, call, viewers.of(ex))) {
            ex.empty(403);
            return;
        }
        ObjectNode out = Json.object().put("type", type);
        switch (type) {
            case "GET_HEALTH" -> out.putObject("get_health").put("healthy", true);
            case "GET_VERSION" -> out.putObject("get_version").putObject("version_info")
                    .put("version", ProtocolVersion.MESOS);
            case "GET_STATE" -> {
                ObjectNode st = out.putObject("get_state");
                st.set("get_tasks", tasksV1());
                st.set("get_executors", InventoryCalls.executors(tasks));
                ArrayNode fws = st.putObject("get_frameworks").putArray("frameworks");
                tasks.frameworks().values().forEach(f -> fws.addObject().set("framework_info", Json.tree(f)));
                viewers.filter(ex).v1State(st);
            }
            case "GET_TASKS" -> out.set("get_tasks", viewers.filter(ex).v1Tasks(tasksV1()));
            default -> {
                if (!more.answer(type, call, ex)) {
                    ex.text(400, "Unsupported call type: " + type);
                }
                return;
            }
        }
        ex.json(200, out);
    }

    private ObjectNode tasksV1() {
        ObjectNode o = Json.object();
        o.putArray("pending_tasks");
        o.putArray("queued_tasks");
        ArrayNode launched = o.putArray("launched_tasks");
        tasks.live().forEach(t -> launched.add(Json.tree(v1(t))));
        o.putArray("terminated_tasks");
        ArrayNode done = o.putArray("completed_tasks");
        tasks.completed().forEach(t -> done.add(Json.tree(v1(t))));
        return o;
    }

    private Task v1(CommandTask t) {
        return new Task(t.task().name(), t.task().taskId(), Id.of(t.frameworkId()), t.task().taskId(),
                Id.of(agent.agentId().orElse("")), t.state(), t.task().resources(), List.of(), null, null,
                t.task().labels(), t.task().discovery(), t.task().container(), null, t.task().killPolicy(), null);
    }

    private ObjectNode state() {
        AgentConfig c = agent.config();
        ObjectNode o = Json.object();
        o.put("id", agent.agentId().orElse(""));
        o.put("pid", "slave(1)@" + agent.endpoint());
        o.put("hostname", c.hostname());
        o.put("version", ProtocolVersion.MESOS);
        o.set("resources", resources(c.resources()));
        ObjectNode attrs = o.putObject("attributes");
        for (Attribute a : c.attributes()) {
            attrs.putPOJO(a.name(), a.plainValue());
        }
        o.put("master_hostname", agent.masterHostname().orElse(""));
        o.putObject("flags").put("work_dir", c.workDir().toString()).put("port", String.valueOf(agent.port()));
        ArrayNode frameworks = o.putArray("frameworks");
        for (Map.Entry<String, FrameworkInfo> f : tasks.frameworks().entrySet()) {
            ObjectNode fn = frameworks.addObject();
            fn.put("id", f.getKey());
            fn.put("name", f.getValue() == null ? "" : f.getValue().name());
            ArrayNode executors = fn.putArray("executors");
            ArrayNode completedExecutors = fn.putArray("completed_executors");
            List<CommandTask> all = new ArrayList<>(tasks.live());
            for (CommandTask t : all) {
                if (t.frameworkId().equals(f.getKey())) {
                    executors.add(executor(t));
                }
            }
            for (CommandTask t : tasks.completed()) {
                if (t.frameworkId().equals(f.getKey())) {
                    completedExecutors.add(executor(t));
                }
            }
        }
        o.putArray("completed_frameworks");
        return o;
    }

    private ObjectNode executor(CommandTask t) {
        ObjectNode e = Json.object();
        e.put("id", t.executorId());
        e.put("name", t.executorName());
        e.put("source", t.executorId());
        e.put("container", t.containerId());
        e.put("directory", t.sandbox().toString());
        e.set("resources", resources(Resources.fromProto(t.task().resources())));
        ArrayNode tasks = t.state().isTerminal() ? e.putArray("completed_tasks") : e.putArray("tasks");
        ObjectNode tn = tasks.addObject();
        tn.put("id", t.task().taskId().value());
        tn.put("name", t.task().name());
        tn.put("framework_id", t.frameworkId());
        tn.put("slave_id", agent.agentId().orElse(""));
        tn.put("state", t.state().name());
        tn.set("resources", resources(Resources.fromProto(t.task().resources())));
        if (!t.state().isTerminal()) {
            e.putArray("completed_tasks");
        } else {
            e.putArray("tasks");
        }
        e.putArray("queued_tasks");
        return e;
    }

    private static ObjectNode resources(Resources r) {
        ObjectNode o = Json.object();
        r.scalars().forEach(o::put);
        r.rangeMap().forEach((k, v) -> o.put(k, v.toString()));
        return o;
    }
}
