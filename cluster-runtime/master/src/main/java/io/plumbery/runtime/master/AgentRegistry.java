package io.plumbery.runtime.master;

import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Agents registering, re-registering with their tasks, heartbeating, reporting status, and being lost. */
public final class AgentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);
    private final MasterCore core;

    public AgentRegistry(MasterCore core) {
        this.core = core;
    }

    /** Returns the agent's id, or null when this master does not lead. */
    public AgentMessages.Registered register(AgentMessages.Register msg) {
        if (msg.agentInfo() == null || msg.endpoint() == null) {
            throw new IllegalArgumentException("register requires agent_info and endpoint");
        }
        synchronized (core.state) {
            if (!core.state.leader) {
                return null;
            }
            java.util.Optional<String> refused = MaintenanceControl.refusal(core, msg.agentInfo(), msg.endpoint());
            if (refused.isPresent()) {
                LOG.warn("Refusing registration of agent at {}: {}", msg.endpoint(), refused.get());
                throw new AgentRefused(refused.get());
            }
            long now = MasterCore.now();
            boolean reregistering = msg.agentInfo().id() != null;
            String id = reregistering ? msg.agentInfo().id().value() : core.state.nextAgentId();
            AgentRecord old = core.state.agents.get(id);
            if (old != null) {
                dropOffersOn(core, id);
                core.state.allocator.removeAgent(id);
            }
            AgentRecord agent = new AgentRecord(msg.agentInfo().withId(Id.of(id)), msg.endpoint(), msg.version(), now);
            agent.capabilities(msg.capabilities());
            if (reregistering) {
                agent.markReregistered(now);
            }
            Map<String, Resources> used = new HashMap<>();
            for (AgentMessages.RunningTask running : msg.tasks() == null ? List.<AgentMessages.RunningTask>of() : msg.tasks()) {
                FrameworkRecord fw = core.state.frameworks.computeIfAbsent(running.frameworkId(), fid ->
                        new FrameworkRecord(fid, running.frameworkInfo(), true, now));
                TaskRecord task = fw.tasks().get(running.task().taskId().value());
                if (task == null || !task.agentId().equals(id)) {
                    task = new TaskRecord(running.task(), running.frameworkId(), id);
                    fw.tasks().put(task.id(), task);
                }
                if (running.latest() != null && running.latest().state() != task.state()) {
                    task.update(running.latest());
                }
                agent.tasks().put(task.id(), task);
                if (!task.state().isTerminal()) {
                    used.merge(running.frameworkId(), task.resources(), Resources::plus);
                }
                core.state.allocator.addFramework(fw.id(), fw.info() == null ? "*" : fw.info().effectiveRole(),
                        fw.connected());
            }
            if (old != null) {
                forgetUnreported(old, agent);
            }
            core.state.agents.put(id, agent);
            core.state.allocator.addAgent(id, agent.total(), used);
            core.publish(l -> l.agentAdded(agent, core.state));
            LOG.info("Agent {} at {} {}registered with {} tasks", id, msg.endpoint(), reregistering ? "re-" : "",
                    agent.tasks().size());
            core.allocateSoon();
            return new AgentMessages.Registered(id, core.info(), core.agentLink.admit(msg.endpoint()));
        }
    }

    /** Tasks the master knew on this agent that it no longer reports are lost (launches in flight are kept). */
    private void forgetUnreported(AgentRecord old, AgentRecord now) {
        for (TaskRecord task : new ArrayList<>(old.tasks().values())) {
            if (now.tasks().containsKey(task.id())) {
                continue;
            }
            if (task.state() == TaskState.TASK_STAGING) {
                now.tasks().put(task.id(), task);
                continue;
            }
            FrameworkRecord fw = core.state.frameworks.get(task.frameworkId());
            if (!task.state().isTerminal()) {
                TaskStatus status = MasterCore.masterStatus(task.id(), fw != null && fw.partitionAware()
                        ? TaskState.TASK_DROPPED : TaskState.TASK_LOST, old.id(), "REASON_RECONCILIATION",
                        "Task is unknown to the agent");
                core.applyStatus(task, status);
                if (fw != null) {
                    fw.send(Event.update(status));
                }
            }
            core.retire(task);
        }
    }

    /** False when the agent is unknown here (it must re-register). */
    public boolean heartbeat(String agentId) {
        synchronized (core.state) {
            AgentRecord agent = core.state.leader ? core.state.agents.get(agentId) : null;
            if (agent == null) {
                return false;
            }
            agent.seen(MasterCore.now());
            return true;
        }
    }

    /** Applies updates in order; null when the agent is unknown (re-register), else the uuids to forget. */
    public AgentMessages.UpdatesReply update(AgentMessages.StatusUpdates msg) {
        List<String> forget = new ArrayList<>();
        synchronized (core.state) {
            AgentRecord agent = core.state.leader ? core.state.agents.get(msg.agentId()) : null;
            if (agent == null) {
                return null;
            }
            agent.seen(MasterCore.now());
            for (AgentMessages.StatusUpdate update : msg.updates()) {
                FrameworkRecord fw = core.state.frameworks.get(update.frameworkId());
                TaskStatus status = AgentControl.fromDraining(core, agent.id(), fw, update.status());
                TaskRecord task = agent.tasks().get(status.taskId().value());
                if (task != null) {
                    core.applyStatus(task, status);
                }
                if (fw == null) {
                    forget.add(status.uuid());
                } else {
                    fw.send(Event.update(status));
                }
            }
        }
        return new AgentMessages.UpdatesReply(forget);
    }

    /** Agents silent for longer than the removal timeout are removed; their tasks become unreachable or lost. */
    public void checkTimeouts() {
        synchronized (core.state) {
            if (!core.state.leader) {
                return;
            }
            long cutoff = MasterCore.now() - core.config.agentRemovalTimeout().toMillis();
            List<AgentRecord> silent = new ArrayList<>();
            for (AgentRecord agent : core.state.agents.values()) {
                if (agent.lastSeenMillis() < cutoff) {
                    silent.add(agent);
                }
            }
            silent.forEach(this::markUnreachable);
        }
    }

    private void markUnreachable(AgentRecord agent) {
        LOG.warn("Agent {} at {} is unreachable; removing it", agent.id(), agent.endpoint());
        dropOffersOn(core, agent.id());
        long now = MasterCore.now();
        for (TaskRecord task : new ArrayList<>(agent.tasks().values())) {
            FrameworkRecord fw = core.state.frameworks.get(task.frameworkId());
            if (!task.state().isTerminal()) {
                boolean partitionAware = fw != null && fw.partitionAware();
                TaskStatus status = new TaskStatus(Id.of(task.id()),
                        partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
                        "Agent " + agent.info().hostname() + " is unreachable", TaskStatus.SOURCE_MASTER,
                        "REASON_AGENT_REMOVED", null, Id.of(agent.id()), null, now / 1000.0, null, null, null, null,
                        new TaskStatus.TimeInfo(now * 1_000_000L));
                core.applyStatus(task, status);
                if (fw != null) {
                    fw.send(Event.update(status));
                }
            }
            core.retire(task);
        }
        core.state.allocator.removeAgent(agent.id());
        core.state.agents.remove(agent.id());
        core.publish(l -> l.agentRemoved(agent.id()));
        for (FrameworkRecord fw : core.state.frameworks.values()) {
            fw.send(Event.failure(Id.of(agent.id())));
        }
    }

    static void dropOffersOn(MasterCore core, String agentId) {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, OpenOffer> e : core.state.offers.entrySet()) {
            if (e.getValue().agentId().equals(agentId)) {
                ids.add(e.getKey());
            }
        }
        ids.forEach(core::rescind);
    }
}
