package io.plumbery.runtime.master;

import io.plumbery.runtime.acls.Action;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.state.AgentRecord;
import io.plumbery.runtime.state.FrameworkRecord;
import io.plumbery.runtime.state.TaskRecord;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduler SHUTDOWN, MESSAGE and REQUEST, and the operator's TEARDOWN of a framework. Tasks here run under Mesos's
 * command executor, whose executor id is the task's id: SHUTDOWN of that executor kills its task, and a MESSAGE to it
 * is dropped, as the command executor drops framework messages. REQUEST is ignored, as Mesos's allocator ignores it.
 */
public final class FrameworkCalls {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkCalls.class);
    private final MasterCore core;

    public FrameworkCalls(MasterCore core) {
        this.core = core;
    }

    /** Caller holds the lock. */
    static SchedulerCalls.Result shutdown(MasterCore core, FrameworkRecord fw, Call.Shutdown shutdown) {
        if (shutdown == null || shutdown.executorId() == null || shutdown.agentId() == null) {
            return SchedulerCalls.Result.bad("Expecting 'shutdown' to be present");
        }
        AgentRecord agent = core.state.agents.get(shutdown.agentId().value());
        TaskRecord task = fw.tasks().get(shutdown.executorId().value());
        if (agent == null || task == null || !task.agentId().equals(agent.id()) || task.state().isTerminal()) {
            LOG.info("Framework {}: no executor {} to shut down on agent {}", fw.id(), shutdown.executorId(),
                    shutdown.agentId());
            return SchedulerCalls.Result.ACCEPTED;
        }
        core.agentLink.kill(agent.endpoint(), new AgentMessages.Kill(fw.id(), task.id(), null));
        return SchedulerCalls.Result.ACCEPTED;
    }

    static SchedulerCalls.Result message(FrameworkRecord fw, Call.Message message) {
        if (message == null || message.agentId() == null || message.executorId() == null || message.data() == null) {
            return SchedulerCalls.Result.bad("Expecting 'message' to be present");
        }
        LOG.info("Framework {}: dropping a message to executor {} on agent {}: command executors ignore framework"
                + " messages", fw.id(), message.executorId(), message.agentId());
        return SchedulerCalls.Result.ACCEPTED;
    }

    static SchedulerCalls.Result request(FrameworkRecord fw) {
        LOG.info("Framework {}: resource request ignored, as Mesos's allocator ignores it", fw.id());
        return SchedulerCalls.Result.ACCEPTED;
    }

    /**
     * The operator's TEARDOWN by {@code principal}: the framework is removed and its tasks killed; 403 when
     * {@code --acls} do not let the principal tear down frameworks of the framework's principal.
     */
    public Optional<Refusal> teardown(String frameworkId, String principal) {
        synchronized (core.state) {
            FrameworkRecord fw = core.state.frameworks.get(frameworkId);
            if (fw == null) {
                return Refusal.bad("No framework found with specified ID");
            }
            String owner = fw.info() == null ? null : fw.info().principal();
            if (!core.authorizer.authorized(Action.TEARDOWN_FRAMEWORK, principal, owner)) {
                return Optional.of(new Refusal(403, ""));
            }
            core.removeFramework(fw, "Operator teardown");
            return Optional.empty();
        }
    }
}
