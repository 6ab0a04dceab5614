package io.plumbery.runtime.master;

import io.plumbery.runtime.maintenance.AgentDrains;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.state.AgentRecord;
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
    private final MasterCore core;

    public AgentControl(MasterCore core) {
        this.core = core;
    }

    public Optional<String> deactivate(String agentId) {
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent == null) {
                return unknown(agentId);
            }
            core.state.drains.deactivate(agentId);
            stopOffers(agentId);
            return Optional.empty();
        }
    }

    public Optional<String> reactivate(String agentId) {
        synchronized (core.state) {
            if (!core.state.agents.containsKey(agentId)) {
                return unknown(agentId);
            }
            if (!core.state.drains.deactivated(agentId)) {
                return Optional.of("Agent is not deactivated");
            }
            core.state.drains.reactivate(agentId);
            core.state.allocator.activateAgent(agentId, true);
            core.allocateSoon();
            return Optional.empty();
        }
    }

    /** DRAIN_AGENT: {@code maxGracePeriodNanos} caps each task's kill grace period (null: the task's own). */
    public Optional<String> drain(String agentId, Long maxGracePeriodNanos, boolean markGone) {
        if (maxGracePeriodNanos != null && maxGracePeriodNanos < 0) {
            return Optional.of("Negative `max_grace_period` is not allowed");
        }
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent == null) {
                return unknown(agentId);
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

    public Optional<String> markGone(String agentId) {
        synchronized (core.state) {
            AgentRecord agent = core.state.agents.get(agentId);
            if (agent == null && !core.state.drains.gone(agentId)) {
                return unknown(agentId);
            }
            if (agent != null) {
                gone(agent);
            }
            return Optional.empty();
        }
    }

    private void gone(AgentRecord agent) {
        core.state.drains.markGone(agent.id());
        core.state.allocator.activateAgent(agent.id(), true);
        AgentRemoval.remove(core, agent, new AgentRemoval.Outcome(TaskState.TASK_GONE_BY_OPERATOR,
                "REASON_AGENT_REMOVED_BY_OPERATOR", "Agent has been marked gone"));
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
    }

    /** No more offers for the agent; its outstanding ones are rescinded. Caller holds the lock. */
    private void stopOffers(String agentId) {
        core.state.allocator.activateAgent(agentId, false);
        AgentRegistry.dropOffersOn(core, agentId);
    }

    private static Optional<String> unknown(String agentId) {
        return Optional.of("Unknown agent '" + agentId + "'");
    }
}
