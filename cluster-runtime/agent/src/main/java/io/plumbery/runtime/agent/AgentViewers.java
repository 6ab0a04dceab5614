package io.plumbery.runtime.agent;

import io.plumbery.runtime.acls.Authorizer;
import io.plumbery.runtime.acls.Viewer;
import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.FrameworkInfo;
import java.util.Map;
import org.eclipse.jetty.server.Request;

/**
 * The agent's {@code --acls} for a request (the principal it authenticated as), and the users Mesos authorizes the
 * agent's objects by: a framework's {@code FrameworkInfo.user}; an executor's (here each task's command executor) its
 * task's {@code CommandInfo.user}, else its framework's.
 */
final class AgentViewers {
    private final Authorizer acls;
    private final AgentTasks tasks;
    private final Map<String, FrameworkInfo> frameworks;

    private final MasterToken master;

    AgentViewers(Authorizer acls, AgentTasks tasks, MasterToken master) {
        this.acls = acls;
        this.master = master;
        this.tasks = tasks;
        this.frameworks = tasks.frameworks();
    }

    /** The filter of this request's state, made after the JSON to filter was written. */
    AgentViewFilter filter(Exchange ex) {
        return new AgentViewFilter(of(ex), this, tasks);
    }

    boolean configured() {
        return acls.configured();
    }

    /** The principal authenticated here, else the one the master read for with its token. */
    Viewer of(Exchange ex) {
        return new Viewer(acls, ex.principal().or(() -> master.principalOf(ex.header(AgentMessages.MASTER_TOKEN),
                ex.header(AgentMessages.MASTER_PRINCIPAL))).orElse(null));
    }

    Viewer of(Request request) {
        return new Viewer(acls, BasicAuth.principal(request).or(() -> master.principalOf(
                request.getHeaders().get(AgentMessages.MASTER_TOKEN),
                request.getHeaders().get(AgentMessages.MASTER_PRINCIPAL))).orElse(null));
    }

    /** The framework's user; null (asked as any user) when the agent does not know the framework. */
    String frameworkUser(String frameworkId) {
        FrameworkInfo info = frameworks.get(frameworkId);
        return info == null ? null : info.user();
    }

    /** The user of a task's executor and sandbox: the task's command user, else its framework's. */
    String executorUser(CommandTask task) {
        String user = task.task().command() == null ? null : task.task().command().user();
        return user != null ? user : frameworkUser(task.frameworkId());
    }
}
