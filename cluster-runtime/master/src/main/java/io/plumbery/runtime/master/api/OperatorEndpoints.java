package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.election.ZkUrl;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Jsonp;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.MasterConfig;
import io.plumbery.runtime.master.MasterCore;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.ProtocolVersion;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.TaskRecord;
import java.util.EnumMap;
import java.util.Map;

/** The v0 operator endpoints: state, slaves, frameworks, tasks, health, redirect, metrics, version. */
public final class OperatorEndpoints {
    private final MasterCore core;
    private final LeaderGate gate;
    private final Views views;

    public OperatorEndpoints(MasterCore core, LeaderGate gate) {
        this.core = core;
        this.gate = gate;
        this.views = new Views(core);
    }

    public void register(Router router) {
        router.route(gate.leaderOnly(ex -> Jsonp.ok(ex,
                        views.filter(ex).v0State(core.read(s -> StateViews.state(core, s))))),
                "/master/state", "/master/state.json", "/state", "/state.json");
        router.route(gate.leaderOnly(this::slaves), "/master/slaves", "/slaves");
        router.route(gate.leaderOnly(this::frameworks), "/master/frameworks", "/frameworks");
        router.route(gate.leaderOnly(this::tasks), "/master/tasks", "/tasks", "/master/tasks.json");
        router.route(gate.leaderOnly(this::stateSummary), "/master/state-summary", "/state-summary");
        router.route(gate.leaderOnly(this::roles), "/master/roles", "/roles", "/master/roles.json");
        router.route(ex -> Jsonp.ok(ex, flags()), "/master/flags", "/flags");
        router.route(ex -> ex.empty(200), "/master/health", "/health");
        router.route(gate::redirect, "/master/redirect", "/redirect");
        router.route(ex -> Jsonp.ok(ex, metrics()), "/metrics/snapshot");
        router.route(ex -> ex.json(200, version()), "/version");
    }

    private void slaves(Exchange ex) {
        ObjectNode o = Json.object();
        o.set("slaves", core.read(StateViews::slaves));
        o.set("recovered_slaves", core.read(StateViews::recoveredSlaves));
        Jsonp.ok(ex, o);
    }

    private void frameworks(Exchange ex) {
        Jsonp.ok(ex, views.filter(ex).v0State(core.read(s -> {
            ObjectNode o = Json.object();
            ArrayNode live = o.putArray("frameworks");
            s.frameworks.values().forEach(fw -> live.add(StateViews.framework(fw, s)));
            ArrayNode done = o.putArray("completed_frameworks");
            s.completedFrameworks.forEach(fw -> done.add(StateViews.framework(fw, s)));
            o.putArray("unregistered_frameworks");
            return o;
        })));
    }

    private void tasks(Exchange ex) {
        Jsonp.ok(ex, views.filter(ex).v0Tasks(core.read(s -> {
            ObjectNode o = Json.object();
            ArrayNode tasks = o.putArray("tasks");
            s.frameworks.values().forEach(fw -> fw.tasks().values().forEach(t -> tasks.add(StateViews.task(t))));
            s.completedTasks.forEach(t -> tasks.add(StateViews.task(t)));
            return o;
        })));
    }

    private void stateSummary(Exchange ex) {
        Jsonp.ok(ex, views.filter(ex).v0Summary(core.read(s -> {
            ObjectNode o = Json.object();
            o.put("hostname", core.info().hostname());
            o.put("cluster", "");
            ArrayNode slaves = StateViews.slaves(s);
            for (JsonNodeIterator it = new JsonNodeIterator(slaves); it.hasNext(); ) {
                ObjectNode slave = it.next();
                String id = slave.path("id").asText();
                Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
                ArrayNode frameworkIds = slave.putArray("framework_ids");
                AgentRecord agent = s.agents.get(id);
                agent.tasks().values().forEach(t -> counts.merge(t.state(), 1L, Long::sum));
                agent.tasks().values().stream().map(TaskRecord::frameworkId).distinct().forEach(frameworkIds::add);
                for (TaskState st : TaskState.values()) {
                    slave.put(st.name(), counts.getOrDefault(st, 0L));
                }
            }
            o.set("slaves", slaves);
            ArrayNode frameworks = o.putArray("frameworks");
            for (FrameworkRecord fw : s.frameworks.values()) {
                ObjectNode f = StateViews.framework(fw, s);
                f.remove(java.util.List.of("tasks", "completed_tasks", "unreachable_tasks", "offers", "executors",
                        "completed_executors"));
                Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
                fw.tasks().values().forEach(t -> counts.merge(t.state(), 1L, Long::sum));
                for (TaskState st : TaskState.values()) {
                    f.put(st.name(), counts.getOrDefault(st, 0L));
                }
                ArrayNode agentIds = f.putArray("slave_ids");
                fw.tasks().values().stream().map(TaskRecord::agentId).distinct().forEach(agentIds::add);
                frameworks.add(f);
            }
            return o;
        })));
    }

    /** Iterates the object elements of an array node. */
    private static final class JsonNodeIterator implements java.util.Iterator<ObjectNode> {
        private final java.util.Iterator<com.fasterxml.jackson.databind.JsonNode> inner;

        JsonNodeIterator(ArrayNode array) {
            this.inner = array.elements();
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public ObjectNode next() {
            return (ObjectNode) inner.next();
        }
    }

    private void roles(Exchange ex) {
        ObjectNode roles = roles();
        ViewFilter.roles(views.viewer(ex), roles.path("roles"));
        Jsonp.ok(ex, roles);
    }

    /** {@code /master/roles}: each role with a framework, a weight or a quota (and {@code *}): weight, quota, frameworks, allocation. */
    ObjectNode roles() {
        return core.read(s -> {
            Map<String, java.util.List<String>> byRole = new java.util.TreeMap<>();
            byRole.put("*", new java.util.ArrayList<>());
            for (FrameworkRecord fw : s.frameworks.values()) {
                for (String role : fw.info() == null ? java.util.List.of("*") : fw.info().effectiveRoles()) {
                    byRole.computeIfAbsent(role, r -> new java.util.ArrayList<>()).add(fw.id());
                }
            }
            s.allocator.weights().all().keySet().forEach(r -> byRole.computeIfAbsent(r, k -> new java.util.ArrayList<>()));
            s.allocator.quotas().configs().forEach(q -> byRole.computeIfAbsent(q.role(), k -> new java.util.ArrayList<>()));
            ObjectNode o = Json.object();
            ArrayNode roles = o.putArray("roles");
            byRole.forEach((name, ids) -> {
                ObjectNode r = roles.addObject().put("name", name).put("weight", s.allocator.weights().of(name));
                s.allocator.quotas().config(name).ifPresent(q -> {
                    ObjectNode quota = r.putObject("quota").put("role", name);
                    quota.set("guarantee", StateViews.resources(Resources.scalars(q.guarantees())));
                    quota.set("limit", Json.MAPPER.valueToTree(q.limits()));
                    quota.set("consumed", StateViews.resources(s.allocator.allocatedToRole(name)));
                });
                ArrayNode fws = r.putArray("frameworks");
                ids.forEach(fws::add);
                Resources allocated = s.allocator.allocatedToRole(name); // a MULTI_ROLE framework's share of it
                r.set("resources", StateViews.resources(allocated));
                r.set("allocated", StateViews.resources(allocated));
            });
            return o;
        });
    }

    ObjectNode flags() {
        MasterConfig c = core.config();
        ObjectNode o = Json.object();
        ObjectNode f = o.putObject("flags");
        f.put("ip", c.ip());
        f.put("hostname", c.hostname());
        f.put("port", String.valueOf(core.info().port()));
        f.put("zk", c.zk() == null ? "" : ZkUrl.mask(c.zk()));
        f.put("quorum", String.valueOf(c.quorum()));
        f.put("work_dir", String.valueOf(c.workDir()));
        f.put("offer_timeout", c.offerTimeout().toSeconds() + "secs");
        f.put("allocation_interval", c.allocationInterval().toMillis() + "ms");
        f.put("agent_removal_timeout", c.agentRemovalTimeout().toSeconds() + "secs");
        f.put("zk_session_timeout", c.zkSessionTimeout().toSeconds() + "secs");
        return o;
    }

    static ObjectNode version() {
        ObjectNode o = Json.object();
        o.put("version", ProtocolVersion.MESOS);
        o.put("build_user", "plumbery");
        o.put("build_date", "");
        o.put("build_time", 0);
        o.put("git_sha", "");
        o.put("implementation", "plumbery-cluster-runtime");
        return o;
    }

    ObjectNode metrics() {
        return core.read(s -> {
            ObjectNode m = Json.object();
            m.put("master/elected", s.leader ? 1 : 0);
            m.put("master/uptime_secs", System.currentTimeMillis() / 1000.0 - core.startTime());
            m.put("master/slaves_active", s.agents.size());
            m.put("master/slaves_connected", s.agents.size());
            m.put("master/slaves_disconnected", 0);
            m.put("master/slaves_inactive", 0);
            long connected = s.frameworks.values().stream().filter(FrameworkRecord::connected).count();
            m.put("master/frameworks_active", connected);
            m.put("master/frameworks_connected", connected);
            m.put("master/frameworks_disconnected", s.frameworks.size() - connected);
            m.put("master/frameworks_inactive", s.frameworks.size() - connected);
            m.put("master/outstanding_offers", s.offers.size());
            Map<TaskState, Long> live = new EnumMap<>(TaskState.class);
            for (FrameworkRecord fw : s.frameworks.values()) {
                for (TaskRecord t : fw.tasks().values()) {
                    if (!t.state().isTerminal()) {
                        live.merge(t.state(), 1L, Long::sum);
                    }
                }
            }
            for (TaskState st : new TaskState[] {TaskState.TASK_STAGING, TaskState.TASK_STARTING,
                    TaskState.TASK_RUNNING, TaskState.TASK_KILLING}) {
                m.put("master/tasks_" + st.name().substring(5).toLowerCase(), live.getOrDefault(st, 0L));
            }
            for (TaskState st : new TaskState[] {TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED,
                    TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_DROPPED, TaskState.TASK_UNREACHABLE,
                    TaskState.TASK_GONE}) {
                m.put("master/tasks_" + st.name().substring(5).toLowerCase(), s.terminalCounts.getOrDefault(st, 0L));
            }
            Resources total = s.allocator.total();
            Resources used = Resources.EMPTY;
            for (AgentRecord a : s.agents.values()) {
                used = used.plus(s.allocator.allocatedOn(a.id()));
            }
            for (String r : new String[] {"cpus", "mem", "disk", "gpus"}) {
                m.put("master/" + r + "_total", total.scalar(r));
                m.put("master/" + r + "_used", used.scalar(r));
                m.put("master/" + r + "_percent", total.scalar(r) == 0 ? 0 : used.scalar(r) / total.scalar(r));
            }
            m.put("allocator/mesos/allocation_run_ms", s.lastAllocationNanos / 1e6);
            return m;
        });
    }

}
