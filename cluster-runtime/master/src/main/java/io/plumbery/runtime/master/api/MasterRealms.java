package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.logging.LoggingToggle;
import io.plumbery.runtime.master.MasterAuth;
import io.plumbery.runtime.protocol.AgentMessages;
import java.util.Set;

/**
 * The master's routes by Mesos's authentication realms: the scheduler API, the operator API (and any other call that
 * changes something), every other read, and the agents' internal endpoints; health, version and redirect stay open,
 * as in Mesos (the page at {@code /} and its files are served before this). A realm whose flag is off is open.
 */
public final class MasterRealms implements BasicAuth.Realms {
    public static final String READONLY = "mesos-master-readonly";
    public static final String READWRITE = "mesos-master-readwrite";
    public static final String SCHEDULER = "mesos-master-scheduler";
    public static final String AGENTS = "mesos-master-agent";
    private static final Set<String> OPEN = Set.of("/health", "/master/health", "/version", "/redirect",
            "/master/redirect");
    private static final Set<String> SCHEDULER_PATHS = Set.of("/api/v1/scheduler", "/master/api/v1/scheduler");
    private static final Set<String> OPERATOR_PATHS = Set.of("/api/v1", "/master/api/v1");

    private final MasterAuth auth;

    public MasterRealms(MasterAuth auth) {
        this.auth = auth;
    }

    @Override
    public String of(String method, String path) {
        if (OPEN.contains(path)) {
            return null;
        }
        if (SCHEDULER_PATHS.contains(path)) {
            return auth.frameworks() ? SCHEDULER : null;
        }
        if (path.startsWith(AgentMessages.MASTER_INTERNAL)) {
            return auth.agents() ? AGENTS : null;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        // libprocess serves the logging toggle in the read-write realm, GET as it is
        if (OPERATOR_PATHS.contains(path) || !read || path.equals(LoggingToggle.PATH)) {
            return auth.readwrite() ? READWRITE : null;
        }
        return auth.readonly() ? READONLY : null;
    }
}
