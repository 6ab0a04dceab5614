package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.MasterCore;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.TaskRecord;

/**
 * The v1 operator API {@code POST /api/v1}: GET_HEALTH, GET_VERSION, GET_STATE, GET_AGENTS, GET_FRAMEWORKS, GET_TASKS,
 * GET_MASTER, GET_FLAGS, GET_METRICS, GET_ROLES, SUBSCRIBE. GET_FLAGS, GET_METRICS and GET_ROLES answer what the v0
 * endpoints {@code /master/flags}, {@code /metrics/snapshot} and {@code /master/roles} show, in the v1 messages' shape.
 */
public final class OperatorApi {
    private final MasterCore core;
    private final OperatorEndpoints v0;
    private final java.util.List<OperatorCalls> more;
    private final OperatorAcls acls;
    private final Views views;

    public OperatorApi(MasterCore core, OperatorEndpoints v0, java.util.List<OperatorCalls> more) {
        this.core = core;
        this.v0 = v0;
        this.more = java.util.List.copyOf(more);
        this.acls = new OperatorAcls(core.authorizer());
        this.views = new Views(core);
    }

    public void handle(Exchange ex) throws Exception {
        if (!"POST".equals(ex.method())) {
            ex.text(405, "Expecting a 'POST' request");
            return;
        }
        JsonNode call = Json.parse(ex.body());
        String type = call.path("type").asText("");
        if (!acls.allows(type, call, ex.principal().orElse(null))) {
            ex.empty(403);
            return;
        }
        ObjectNode out = Json.object();
        out.put("type", type);
        switch (type) {
            case "GET_HEALTH" -> out.putObject("get_health").put("healthy", true);
            case "GET_VERSION" -> out.putObject("get_version").set("version_info", OperatorEndpoints.version());
            case "GET_MASTER" -> {
                ObjectNode m = out.putObject("get_master");
                m.set("master_info", Json.tree(core.info()));
                m.put("start_time", core.startTime());
                core.read(s -> m.put("elected_time", s.electedTime));
            }
            case "GET_STATE" -> out.set("get_state", views.filter(ex).v1State(core.read(this::state)));
            case "GET_AGENTS" -> out.set("get_agents", core.read(OperatorApi::agents));
            case "GET_FRAMEWORKS" -> out.set("get_frameworks",
                    views.filter(ex).v1Frameworks(core.read(OperatorApi::frameworks)));
            case "GET_TASKS" -> out.set("get_tasks", views.filter(ex).v1Tasks(core.read(OperatorApi::tasks)));
            case "GET_EXECUTORS" -> out.putObject("get_executors").putArray("executors");
            case "GET_FLAGS" -> out.putObject("get_flags").set("flags", named(v0.flags().path("flags"), "value"));
            case "GET_METRICS" -> out.putObject("get_metrics").set("metrics", named(v0.metrics(), "value"));
            case "GET_ROLES" -> out.putObject("get_roles")
                    .set("roles", ViewFilter.roles(views.viewer(ex), roles(v0.roles().path("roles"))));
            case "SUBSCRIBE" -> {
                subscribe(ex);
                return;
            }
            default -> {
                for (OperatorCalls calls : more) {
                    if (calls.answer(type, call, ex)) {
                        return;
                    }
                }
                ex.text(400, "Unsupported call type: " + type);
                return;
            }
        }
        ex.json(200, out);
    }

    /** SUBSCRIBE: a RecordIO stream of SUBSCRIBED (with the full state), then TASK_*, AGENT_*, FRAMEWORK_*, HEARTBEAT. */
    private void subscribe(Exchange ex) {
        SubscriptionStream stream = new SubscriptionStream(ex.stream(null, null));
        Viewer viewer = views.viewer(ex);
        core.read(s -> {
            ObjectNode event = Json.object().put("type", "SUBSCRIBED");
            ObjectNode subscribed = event.putObject("subscribed");
            subscribed.set("get_state", new ViewFilter(viewer, s).v1State(state(s)));
            subscribed.put("heartbeat_interval_seconds", core.config().heartbeatInterval().toMillis() / 1000.0);
            stream.sendJson(event);
            core.addOperatorListener(views.listener(viewer, s, new OperatorStream(stream)));
            return null;
        });
        stream.start("operator", () -> { });
    }

    private ObjectNode state(MasterState s) {
        ObjectNode o = Json.object();
        o.set("get_tasks", tasks(s));
        o.putObject("get_executors").putArray("executors");
        o.set("get_frameworks", frameworks(s));
        o.set("get_agents", agents(s));
        return o;
    }

    /** {@code {"k": v, ...}} as Mesos's v1 lists of {@code {"name": k, VALUE: v}} (Flag, Metric). */
    private static ArrayNode named(JsonNode object, String value) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        object.fields().forEachRemaining(e -> list.addObject().put("name", e.getKey()).set(value, e.getValue()));
        return list;
    }

    /** v0 roles as v1 {@code Role}s: framework ids as FrameworkIDs; no resources (Resource lists, not scalars, in v1). */
    private static ArrayNode roles(JsonNode v0Roles) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (JsonNode r : v0Roles) {
            ObjectNode role = list.addObject().put("name", r.path("name").asText()).put("weight", r.path("weight").asDouble());
            ArrayNode frameworks = role.putArray("frameworks");
            r.path("frameworks").forEach(id -> frameworks.addObject().put("value", id.asText()));
        }
        return list;
    }

    static ObjectNode agents(MasterState s) {
        ObjectNode o = Json.object();
        ArrayNode agents = o.putArray("agents");
        for (AgentRecord a : s.agents.values()) {
            agents.add(agent(a, s));
        }
        ArrayNode recovered = o.putArray("recovered_agents");
        s.registry.recovering().forEach(a -> recovered.add(Json.tree(a.info())));
        return o;
    }

    static ObjectNode agent(AgentRecord a, MasterState s) {
        {
            ObjectNode n = Json.object();
            n.set("agent_info", Json.tree(a.info()));
            boolean deactivated = s.drains.deactivated(a.id());
            n.put("active", !deactivated);
            n.put("deactivated", deactivated);
            s.drains.drainInfo(a.id()).ifPresent(d -> n.set("drain_info", d.toJson()));
            n.put("version", a.version());
            n.put("pid", a.pid());
            n.putObject("registered_time").put("nanoseconds", (long) (a.registeredTime() * 1e9));
            n.set("total_resources", Json.MAPPER.valueToTree(a.total().toProto(null)));
            n.set("allocated_resources", Json.MAPPER.valueToTree(s.allocator.allocatedOn(a.id()).toProto(null)));
            n.putArray("offered_resources");
            return n;
        }
    }

    static ObjectNode frameworks(MasterState s) {
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("frameworks");
        for (FrameworkRecord fw : s.frameworks.values()) {
            list.add(framework(fw, s));
        }
        ArrayNode done = o.putArray("completed_frameworks");
        s.completedFrameworks.forEach(fw -> done.add(framework(fw, s)));
        return o;
    }

    static ObjectNode framework(FrameworkRecord fw, MasterState s) {
        ObjectNode n = Json.object();
        n.set("framework_info", Json.tree(fw.info()));
        boolean live = s.frameworks.get(fw.id()) == fw;
        n.put("active", live && fw.connected());
        n.put("connected", live && fw.connected());
        n.put("recovered", fw.recovered());
        n.putObject("registered_time").put("nanoseconds", (long) (fw.registeredTime() * 1e9));
        n.set("offers", Json.MAPPER.valueToTree(fw.offers().values()));
        n.set("allocated_resources", Json.MAPPER.valueToTree(s.allocator.allocatedTo(fw.id()).toProto(null)));
        return n;
    }

    static ObjectNode tasks(MasterState s) {
        ObjectNode o = Json.object();
        ArrayNode tasks = o.putArray("tasks");
        ArrayNode unreachable = o.putArray("unreachable_tasks");
        ArrayNode completed = o.putArray("completed_tasks");
        for (FrameworkRecord fw : s.frameworks.values()) {
            for (TaskRecord t : fw.tasks().values()) {
                tasks.add(Json.tree(t.toV1()));
            }
        }
        for (TaskRecord t : s.completedTasks) {
            (t.state() == io.plumbery.runtime.protocol.TaskState.TASK_UNREACHABLE ? unreachable : completed)
                    .add(Json.tree(t.toV1()));
        }
        return o;
    }
}
