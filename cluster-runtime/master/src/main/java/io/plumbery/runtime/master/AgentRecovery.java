package io.plumbery.runtime.master;

import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.TaskStatus;
import io.plumbery.runtime.registry.AdmittedAgent;
import io.plumbery.runtime.state.FrameworkRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an election, the agents recovered from the registry have {@code --agent_reregister_timeout} to re-register;
 * those that do not are marked unreachable in the registry, then every framework is told they are lost (FAILURE),
 * and the reconciliations held for their tasks are answered (TASK_UNREACHABLE, or TASK_LOST for frameworks that are
 * not partition-aware), as Mesos's {@code recoveredSlavesTimeout} does. The master knows no task of an agent that never
 * re-registered, so it reports them when asked, as Mesos does.
 */
final class AgentRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);
    private final MasterCore core;

    AgentRecovery(MasterCore core) {
        this.core = core;
    }

    /** Starts the re-registration timeout of the agents this newly elected master recovered. */
    void elected() {
        long term;
        synchronized (core.state) {
            term = core.state.registry.term();
        }
        core.timers.schedule(() -> timeout(term), core.registrar.config().agentReregisterTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void timeout(long term) {
        List<AdmittedAgent> missing;
        synchronized (core.state) {
            if (!core.state.leader || core.state.registry.term() != term) {
                return;
            }
            missing = core.state.registry.takeRecoveringForTimeout();
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> ids = missing.stream().map(AdmittedAgent::id).toList();
        LOG.warn("Marking {} agents unreachable: they did not re-register within {} after the master failover: {}",
                ids.size(), core.registrar.config().agentReregisterTimeout(), ids);
        TaskStatus.TimeInfo time = new TaskStatus.TimeInfo(MasterCore.now() * 1_000_000L);
        core.registrar.apply(r -> r.markUnreachable(ids, time)).thenRun(() -> {
            synchronized (core.state) {
                if (!core.state.leader || core.state.registry.term() != term) {
                    return;
                }
                for (String id : ids) {
                    core.state.registry.markedUnreachable(id, time);
                    for (FrameworkRecord fw : core.state.frameworks.values()) {
                        fw.send(Event.failure(Id.of(id)));
                    }
                    core.reconciliation.release(id);
                }
            }
        });
    }
}
