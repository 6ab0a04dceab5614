package io.plumbery.runtime.master;

import io.plumbery.runtime.maintenance.InverseOffers;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.TaskState;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.TaskRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent removed by the operator (its machine brought down, or marked gone): the agent is told to shut its
 * frameworks' executors down, its tasks end with a status from the master, and frameworks hear FAILURE for it.
 */
final class AgentRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRemoval.class);

    private AgentRemoval() {
    }

    /**
     * Caller holds the lock. As Mesos removes an agent on the operator's word: tasks of partition-aware frameworks
     * become TASK_GONE_BY_OPERATOR, the others TASK_LOST, with {@code message}.
     */
    static void remove(MasterCore core, AgentRecord agent, String message) {
        LOG.info("Removing agent {} at {}: {}", agent.id(), agent.endpoint(), message);
        AgentRegistry.dropOffersOn(core, agent.id());
        Set<String> frameworks = new LinkedHashSet<>();
        agent.tasks().values().forEach(t -> frameworks.add(t.frameworkId()));
        frameworks.forEach(fw -> core.agentLink.shutdownFramework(agent.endpoint(), fw));
        for (TaskRecord task : new ArrayList<>(agent.tasks().values())) {
            FrameworkRecord fw = core.state.frameworks.get(task.frameworkId());
            if (!task.state().isTerminal()) {
                boolean partitionAware = fw != null && fw.partitionAware();
                TaskStatus status = MasterCore.masterStatus(task.id(),
                        partitionAware ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST, agent.id(),
                        partitionAware ? "REASON_AGENT_REMOVED_BY_OPERATOR" : "REASON_AGENT_REMOVED", message);
                core.applyStatus(task, status);
                if (fw != null) {
                    fw.send(Event.update(status));
                }
            }
            core.retire(task);
        }
        rescindInverseOffers(core, agent.id());
        core.state.allocator.removeAgent(agent.id());
        core.state.agents.remove(agent.id());
        core.publish(l -> l.agentRemoved(agent.id()));
        for (FrameworkRecord fw : core.state.frameworks.values()) {
            fw.send(Event.failure(Id.of(agent.id())));
        }
        core.allocateSoon();
    }

    /** Forgets the agent's inverse offers and rescinds the outstanding ones. Caller holds the lock. */
    static void rescindInverseOffers(MasterCore core, String agentId) {
        for (InverseOffers.Outstanding o : core.state.inverseOffers.forget(agentId)) {
            FrameworkRecord fw = core.state.frameworks.get(o.frameworkId());
            if (fw != null) {
                fw.send(Event.rescindInverseOffer(Id.of(o.id())));
            }
        }
    }
}
