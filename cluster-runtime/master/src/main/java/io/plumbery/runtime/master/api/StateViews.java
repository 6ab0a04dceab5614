package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.master.MasterCore;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.Attribute;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.Offer;
import io.plumbery.runtime.protocol.ProtocolVersion;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.AdmittedAgent;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.MasterState;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;

/** The v0 operator JSON of {@code /master/state} and friends, in Mesos's shapes. Call under the state lock. */
final class StateViews {
    private StateViews() {
    }

    static ObjectNode state(MasterCore core, MasterState s) {
        ObjectNode o = Json.object();
        o.put("version", ProtocolVersion.MESOS);
        o.put("build_date", "");
        o.put("build_user", "plumbery");
        o.put("start_time", core.startTime());
        if (s.leader) {
            o.put("elected_time", s.electedTime);
        }
        o.put("id", core.info().id());
        o.put("pid", core.info().pid());
        o.put("hostname", core.info().hostname());
        o.put("activated_slaves", s.agents.keySet().stream().filter(id -> !s.drains.deactivated(id)).count());
        o.put("deactivated_slaves", s.agents.keySet().stream().filter(s.drains::deactivated).count());
        o.put("unreachable_slaves", s.registry.unreachableCount());
        o.put("leader", core.info().pid());
        o.set("leader_info", Json.tree(core.info()));
        o.putObject("flags").put("port", String.valueOf(core.info().port()));
        o.set("slaves", slaves(s));
        o.set("recovered_slaves", recoveredSlaves(s));
        ArrayNode frameworks = o.putArray("frameworks");
        s.frameworks.values().forEach(fw -> frameworks.add(framework(fw, s)));
        ArrayNode completed = o.putArray("completed_frameworks");
        s.completedFrameworks.forEach(fw -> completed.add(framework(fw, s)));
        o.putArray("orphan_tasks");
        o.putArray("unregistered_frameworks");
        return o;
    }

    static ArrayNode slaves(MasterState s) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AgentRecord agent : s.agents.values()) {
            ObjectNode a = out.addObject();
            a.put("id", agent.id());
            a.put("pid", agent.pid());
            a.put("hostname", agent.info().hostname());
            a.put("port", agent.info().port() == null ? 5051 : agent.info().port());
            a.put("registered_time", agent.registeredTime());
            if (agent.reregisteredTime() != null) {
                a.put("reregistered_time", agent.reregisteredTime());
            }
            Resources used = s.allocator.allocatedOn(agent.id());
            Resources offered = Resources.EMPTY;
            for (OpenOffer o : s.offers.values()) {
                if (o.agentId().equals(agent.id())) {
                    offered = offered.plus(o.resources());
                }
            }
            a.set("resources", resources(agent.total()));
            a.set("used_resources", resources(used.minus(offered)));
            a.set("offered_resources", resources(offered));
            a.putObject("reserved_resources");
            a.set("unreserved_resources", resources(agent.total()));
            a.set("attributes", attributes(agent.info()));
            boolean deactivated = s.drains.deactivated(agent.id());
            a.put("active", !deactivated);
            a.put("deactivated", deactivated);
            s.drains.drainInfo(agent.id()).ifPresent(d -> a.set("drain_info", d.toJson()));
            a.put("version", agent.version());
            a.putArray("capabilities").add("MULTI_ROLE").add("HIERARCHICAL_ROLE");
        }
        return out;
    }

    /** Agents recovered from the registry that have not re-registered yet, as Mesos writes their SlaveInfo. */
    static ArrayNode recoveredSlaves(MasterState s) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (AdmittedAgent agent : s.registry.recovering()) {
            ObjectNode a = out.addObject();
            a.put("id", agent.id());
            a.put("hostname", agent.info().hostname());
            a.put("port", agent.info().port() == null ? 5051 : agent.info().port());
            a.set("resources", resources(Resources.fromProto(agent.info().resources())));
            a.set("attributes", attributes(agent.info()));
        }
        return out;
    }

    private static ObjectNode attributes(AgentInfo info) {
        ObjectNode attrs = Json.object();
        if (info.attributes() != null) {
            for (Attribute attr : info.attributes()) {
                attrs.putPOJO(attr.name(), attr.plainValue());
            }
        }
        return attrs;
    }

    static ObjectNode framework(FrameworkRecord fw, MasterState s) {
        ObjectNode f = Json.object();
        FrameworkInfo info = fw.info();
        f.put("id", fw.id());
        if (info != null) {
            f.put("name", info.name());
            f.put("user", info.user());
            f.put("hostname", info.hostname());
            f.put("webui_url", info.webuiUrl() == null ? "" : info.webuiUrl());
            f.put("failover_timeout", info.failoverTimeoutSeconds());
            f.put("checkpoint", info.checkpoint() != null && info.checkpoint());
            f.put("role", info.effectiveRole());
            ArrayNode roles = f.putArray("roles");
            info.effectiveRoles().forEach(roles::add);
            f.put("principal", info.principal());
            ArrayNode caps = f.putArray("capabilities");
            if (info.capabilities() != null) {
                info.capabilities().forEach(c -> caps.add(c.type()));
            }
        }
        boolean live = s.frameworks.get(fw.id()) == fw;
        f.put("active", live && fw.connected());
        f.put("connected", live && fw.connected());
        f.put("recovered", fw.recovered());
        f.put("registered_time", fw.registeredTime());
        if (fw.reregisteredTime() != null) {
            f.put("reregistered_time", fw.reregisteredTime());
        }
        f.put("unregistered_time", fw.unregisteredTime() == null ? 0 : fw.unregisteredTime());
        Resources used = Resources.EMPTY;
        ArrayNode tasks = f.putArray("tasks");
        ArrayNode unreachable = f.putArray("unreachable_tasks");
        for (TaskRecord t : fw.tasks().values()) {
            tasks.add(task(t));
            if (!t.state().isTerminal()) {
                used = used.plus(t.resources());
            }
        }
        ArrayNode completed = f.putArray("completed_tasks");
        s.completedTasks.stream().filter(t -> t.frameworkId().equals(fw.id())).forEach(t -> {
            if (t.state() == io.plumbery.runtime.protocol.TaskState.TASK_UNREACHABLE) {
                unreachable.add(task(t));
            } else {
                completed.add(task(t));
            }
        });
        Resources offered = Resources.EMPTY;
        ArrayNode offers = f.putArray("offers");
        for (Offer o : fw.offers().values()) {
            Resources r = Resources.fromProto(o.resources());
            offered = offered.plus(r);
            ObjectNode on = offers.addObject();
            on.put("id", o.id().value());
            on.put("framework_id", fw.id());
            on.put("slave_id", o.agentId().value());
            on.set("resources", resources(r));
        }
        f.set("used_resources", resources(used));
        f.set("offered_resources", resources(offered));
        f.set("resources", resources(used.plus(offered)));
        f.set("allocated_resources", resources(used.plus(offered)));
        f.putArray("executors");
        f.putArray("completed_executors");
        return f;
    }

    static ObjectNode task(TaskRecord t) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.info().name());
        o.put("framework_id", t.frameworkId());
        o.put("executor_id", "");
        o.put("slave_id", t.agentId());
        o.put("state", t.state().name());
        o.put("role", "*");
        o.set("resources", resources(t.resources()));
        ArrayNode statuses = o.putArray("statuses");
        for (TaskStatus st : t.statuses()) {
            ObjectNode sn = statuses.addObject();
            sn.put("state", st.state().name());
            sn.put("timestamp", st.timestamp() == null ? 0 : st.timestamp());
        }
        if (t.info().labels() != null) {
            o.set("labels", t.info().labels().path("labels"));
        }
        if (t.info().discovery() != null) {
            o.set("discovery", t.info().discovery());
        }
        if (t.info().container() != null) {
            o.set("container", t.info().container());
        }
        return o;
    }

    static ObjectNode resources(Resources r) {
        ObjectNode o = Json.object();
        o.put("cpus", r.scalar("cpus"));
        o.put("mem", r.scalar("mem"));
        o.put("disk", r.scalar("disk"));
        o.put("gpus", r.scalar("gpus"));
        r.scalars().forEach((k, v) -> o.put(k, v));
        r.rangeMap().forEach((k, v) -> o.put(k, v.toString()));
        return o;
    }
}
