package io.plumbery.runtime.master;

import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Resources;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.AdmittedAgent;
import io.plumbery.runtime.registry.RegistryState;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.OpenOffer;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Agents registering, re-registering with their tasks, heartbeating, reporting status, and being lost. */
public final class AgentRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);
    private static final long ADMISSION_TIMEOUT_SECONDS = 10;
    private final MasterCore core;
    /** First registrations being written to the registry, by the agent's endpoint (guarded by the state's lock). */
    private final Map<String, String> firstRegistrations = new HashMap<>();

    public AgentRegistry(MasterCore core) {
        this.core = core;
    }

    /**
     * Admits the agent in the registry, then registers it here; null when this master does not lead, or cannot admit
     * it now (the agent tries again). Throws {@link AgentRefused} for an agent marked gone, on a machine that is
     * DOWN, or whose {@code principal} (null: it did not authenticate) may not register agents.
     */
    public AgentMessages.Registered register(AgentMessages.Register msg, String principal) {
        if (msg.agentInfo() == null || msg.endpoint() == null) {
            throw new IllegalArgumentException("register requires agent_info and endpoint");
        }
        if (!core.authorizer.authorized(Action.REGISTER_AGENT, principal)) {
            // REGISTER_AGENT of --acls, with Mesos's words
            throw new AgentRefused("Not authorized to register agent providing resources '"
                    + Resources.fromProto(msg.agentInfo().resources()) + "' " + (principal == null ? "without a principal"
                    : "with principal '" + principal + "'"));
        }
        boolean reregistering = msg.agentInfo().id() != null;
        String id;
        synchronized (core.state) {
            if (!core.state.leader) {
                return null;
            }
            if (!reregistering) {
                // an agent that retries its first registration (its answer was late) is the same agent: as Mesos's
                // master, answer it with the id it was given, or not at all while that registration is written
                if (firstRegistrations.containsKey(msg.endpoint())) {
                    return null;
                }
                AgentRecord known = core.state.agents.values().stream()
                        .filter(a -> a.endpoint().equals(msg.endpoint())).findFirst().orElse(null);
                if (known != null) {
                    LOG.info("Agent {} at {} retried its registration: answered with its id", known.id(), msg.endpoint());
                    return new AgentMessages.Registered(known.id(), core.info(), core.agentLink.admit(msg.endpoint()));
                }
            }
            Optional<String> refused = MaintenanceControl.refusal(core, msg.agentInfo(), msg.endpoint());
            id = reregistering ? msg.agentInfo().id().value() : core.state.nextAgentId();
            if (refused.isEmpty() && core.state.registry.isGone(id)) {
                refused = Optional.of(AgentRefused.GONE);
            }
            if (refused.isPresent()) {
                LOG.warn("Refusing registration of agent {} at {}: {}", id, msg.endpoint(), refused.get());
                throw new AgentRefused(refused.get());
            }
            if (!core.state.registry.startRegistering(id)) {
                return null;
            }
            if (!reregistering) {
                firstRegistrations.put(msg.endpoint(), id);
            }
        }
        AdmittedAgent admitted = new AdmittedAgent(id, msg.agentInfo().withId(Id.of(id)), msg.endpoint());
        try {
            core.registrar.apply(r -> r.admit(admitted)).get(ADMISSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            synchronized (core.state) {
                core.state.registry.registrationFailed(id);
                firstRegistrations.remove(msg.endpoint(), id);
            }
            LOG.warn("Agent {} at {} not admitted: the registry was not written ({})", id, msg.endpoint(), e.toString());
            return null;
        }
        synchronized (core.state) {
            firstRegistrations.remove(msg.endpoint(), id);
            return core.state.leader ? admitted(msg, id, reregistering) : null;
        }
    }

    private AgentMessages.Registered admitted(AgentMessages.Register msg, String id, boolean reregistering) {
        long now = MasterCore.now();
        AgentRecord old = core.state.agents.get(id);
        RegistryState.Return from = core.state.registry.registered(id, old != null);
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
        List<String> removedFrameworks = new ArrayList<>();
        for (AgentMessages.RunningTask running : msg.tasks() == null ? List.<AgentMessages.RunningTask>of() : msg.tasks()) {
            if (core.state.registry.isRemovedFramework(running.frameworkId())) {
                removedFrameworks.add(running.frameworkId());
                continue;
            }
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
            if (from == RegistryState.Return.UNREACHABLE || from == RegistryState.Return.NEW && reregistering) {
                reappeared(fw, task, from);
            }
            core.state.allocator.addFramework(fw.id(), fw.info() == null ? "*" : fw.info().effectiveRole(),
                    fw.connected());
        }
        if (old != null) {
            forgetUnreported(old, agent);
        }
        core.state.agents.put(id, agent);
        core.state.allocator.addAgent(id, agent.total(), used);
        if (core.state.drains.deactivated(id) || core.state.drains.drainInfo(id).isPresent()) {
            core.state.allocator.activateAgent(id, false); // as the operator left it, before a failover too
        }
        core.publish(l -> l.agentAdded(agent, core.state));
        removedFrameworks.stream().distinct().forEach(fid -> core.agentLink.shutdownFramework(msg.endpoint(), fid));
        core.reconciliation.release(id);
        LOG.info("Agent {} at {} {}registered with {} tasks", id, msg.endpoint(), reregistering ? "re-" : "",
                agent.tasks().size());
        core.allocateSoon();
        return new AgentMessages.Registered(id, core.info(), core.agentLink.admit(msg.endpoint()));
    }

    /**
     * A task of an agent that was unreachable (or unknown to the registry) is back: no longer among the completed
     * tasks, and its framework told its state, as Mesos does when such an agent re-registers.
     */
    private void reappeared(FrameworkRecord fw, TaskRecord task, RegistryState.Return from) {
        core.state.completedTasks.removeIf(t -> t.id().equals(task.id()) && t.frameworkId().equals(fw.id()));
        fw.send(Event.update(MasterCore.masterStatus(task.id(), task.state(), task.agentId(),
                "REASON_AGENT_REREGISTERED", from == RegistryState.Return.UNREACHABLE
                        ? "Unreachable agent re-reregistered" : "Unknown agent reregistered")));
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

    /**
     * Agents silent for longer than the removal timeout are marked unreachable in the registry, then removed here, their
     * tasks unreachable or lost.
     */
    public void checkTimeouts() {
        List<AgentRecord> silent = new ArrayList<>();
        long term;
        synchronized (core.state) {
            if (!core.state.leader) {
                return;
            }
            term = core.state.registry.term();
            long cutoff = MasterCore.now() - core.config.agentRemovalTimeout().toMillis();
            for (AgentRecord agent : core.state.agents.values()) {
                if (agent.lastSeenMillis() < cutoff && core.state.registry.startMarkingUnreachable(agent.id())) {
                    silent.add(agent);
                }
            }
        }
        if (silent.isEmpty()) {
            return;
        }
        TaskStatus.TimeInfo time = new TaskStatus.TimeInfo(MasterCore.now() * 1_000_000L);
        List<String> ids = silent.stream().map(AgentRecord::id).toList();
        core.registrar.apply(r -> r.markUnreachable(ids, time)).thenRun(() -> {
            synchronized (core.state) {
                if (!core.state.leader || core.state.registry.term() != term) {
                    return;
                }
                for (AgentRecord agent : silent) {
                    core.state.registry.markedUnreachable(agent.id(), time);
                    if (core.state.agents.get(agent.id()) == agent) {
                        markUnreachable(agent, time);
                    }
                    core.reconciliation.release(agent.id());
                }
            }
        });
    }

    private void markUnreachable(AgentRecord agent, TaskStatus.TimeInfo time) {
        LOG.warn("Agent {} at {} is unreachable; removing it", agent.id(), agent.endpoint());
        dropOffersOn(core, agent.id());
        long now = time.nanoseconds() / 1_000_000L;
        for (TaskRecord task : new ArrayList<>(agent.tasks().values())) {
            FrameworkRecord fw = core.state.frameworks.get(task.frameworkId());
            if (!task.state().isTerminal()) {
                boolean partitionAware = fw != null && fw.partitionAware();
                TaskStatus status = new TaskStatus(Id.of(task.id()),
                        partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
                        "Agent " + agent.info().hostname() + " is unreachable", TaskStatus.SOURCE_MASTER,
                        "REASON_AGENT_REMOVED", null, Id.of(agent.id()), null, now / 1000.0, null, null, null, null,
                        time);
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
