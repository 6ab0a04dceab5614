package io.plumbery.runtime.master;

import io.plumbery.runtime.maintenance.AgentDrains;
import io.plumbery.runtime.maintenance.MachineId;
import io.plumbery.runtime.maintenance.Maintenance;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.Mark;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.TaskRecord;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's calls on one agent, as Mesos 1.9+ carries them out: DEACTIVATE_AGENT (no more offers),
 * REACTIVATE_AGENT, DRAIN_AGENT (deactivated, its tasks killed within the grace period, DRAINED once empty, then gone
 * if asked) and MARK_AGENT_GONE (its tasks TASK_GONE_BY_OPERATOR, the agent shut down and never admitted again).
 * Each returns the error text of a refused call, or empty.
 */
public final class AgentControl {
    private static final Logger LOG = LoggerFactory.getLogger(AgentControl.class);
    private static final Optional<Refusal> UNKNOWN = Refusal.bad("Unknown agent");
    private final MasterCore core;

    public AgentControl(MasterCore core) {
        this.core = core;
    }

    public Optional<Refusal> deactivate(String agentId) {
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent == null) {
                return UNKNOWN;
            }
            core.state.drains.deactivate(agentId);
            stopOffers(agentId);
            return Optional.empty();
        }
    }

    public Optional<Refusal> reactivate(String agentId) {
        synchronized (core.state) {
            if (!core.state.drains.deactivated(agentId)) {
                return Refusal.bad("Agent is not deactivated");
            }
            if (core.state.drains.drainingAgents().contains(agentId)) {
                return Refusal.bad("Agent is still in the DRAINING state");
            }
            core.state.drains.reactivate(agentId);
            core.state.allocator.activateAgent(agentId, true);
            core.allocateSoon();
            return Optional.empty();
        }
    }

    /** DRAIN_AGENT: {@code maxGracePeriodNanos} caps each task's kill grace period (null: the task's own). */
    public Optional<Refusal> drain(String agentId, Long maxGracePeriodNanos, boolean markGone) {
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent == null) {
                return UNKNOWN;
            }
            MachineId machine = MaintenanceControl.machineOf(agent.info(), agent.endpoint());
            if (core.state.maintenance.mode(machine) != Maintenance.Mode.UP) {
                return Refusal.bad("Agent " + agentId + " is part of a maintenance schedule under Machine "
                        + machine.display());
            }
            LOG.info("Draining agent {} (max grace period {} ns, mark gone {})", agentId, maxGracePeriodNanos, markGone);
            core.state.drains.drain(agentId, maxGracePeriodNanos, markGone);
            stopOffers(agentId);
            for (TaskRecord task : agent.tasks().values()) {
                if (!task.state().isTerminal()) {
                    core.agentLink.kill(agent.endpoint(), new AgentMessages.Kill(task.frameworkId(), task.id(),
                            grace(task, maxGracePeriodNanos)));
                }
            }
            checkDrained(agent);
            return Optional.empty();
        }
    }

    private static Long grace(TaskRecord task, Long max) {
        var policy = task.info().killPolicy();
        Long own = policy == null || policy.gracePeriod() == null ? null : policy.gracePeriod().nanoseconds();
        if (max == null) {
            return own;
        }
        return own == null ? max : Math.min(own, max);
    }

    /** MARK_AGENT_GONE; an agent already gone is fine, one never seen is 404. */
    public Optional<Refusal> markGone(String agentId) {
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent != null) {
                gone(agent);
            } else if (!core.state.drains.gone(agentId)) {
                return Optional.of(new Refusal(404, "Agent '" + agentId + "' not found"));
            }
            return Optional.empty();
        }
    }

    private void gone(AgentRecord agent) {
        core.state.drains.markGone(agent.id());
        Mark mark = Mark.now(agent.id());
        core.state.registry.markedGone(agent.id(), mark.timestamp());
        core.registrar.apply(r -> r.markGone(mark));
        core.state.allocator.activateAgent(agent.id(), true);
        AgentRemoval.remove(core, agent, "Agent has been marked gone");
    }

    /** Draining agents with no task left become DRAINED (and gone, if the drain asked for it). */
    public void checkDrained() {
        synchronized (core.state) {
            for (String id : core.state.drains.drainingAgents()) {
                AgentRecord agent = core.state.agents.get(id);
                if (agent != null) {
                    checkDrained(agent);
                }
            }
        }
    }

    private void checkDrained(AgentRecord agent) {
        boolean busy = agent.tasks().values().stream().anyMatch(t -> !t.state().isTerminal());
        Optional<AgentDrains.DrainInfo> info = core.state.drains.drainInfo(agent.id());
        if (busy || info.isEmpty() || info.get().state() != AgentDrains.State.DRAINING) {
            return;
        }
        LOG.info("Agent {} is drained", agent.id());
        core.state.drains.drained(agent.id());
        if (info.get().markGone()) {
            gone(agent);
        }
        core.timers.execute(core.operatorRecords()::save); // not under the lock: the write waits for ZooKeeper
    }

    /** No more offers for the agent; its outstanding ones are rescinded. Caller holds the lock. */
    private void stopOffers(String agentId) {
        core.state.allocator.activateAgent(agentId, false);
        AgentRegistry.dropOffersOn(core, agentId);
    }

    /**
     * A status from a draining agent: a killed task's reason says the drain killed it, and when the drain marks the
     * agent gone, partition-aware frameworks see it TASK_GONE_BY_OPERATOR (what Mesos's agent reports). Caller holds
     * the lock.
     */
    static TaskStatus fromDraining(MasterCore core, String agentId, FrameworkRecord fw, TaskStatus status) {
        Optional<AgentDrains.DrainInfo> drain = core.state.drains.drainInfo(agentId);
        if (drain.isEmpty() || (status.state() != TaskState.TASK_KILLED && status.state() != TaskState.TASK_KILLING)) {
            return status;
        }
        boolean gone = drain.get().markGone() && fw != null && fw.partitionAware();
        return status.withState(gone ? TaskState.TASK_GONE_BY_OPERATOR : status.state(), "REASON_AGENT_DRAINING");
    }
}
