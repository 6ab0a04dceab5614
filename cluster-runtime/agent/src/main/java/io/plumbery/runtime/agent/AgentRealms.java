package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.logging.LoggingToggle;
import java.util.Set;

/**
 * The agent's routes by Mesos's realms: the operator API (and any other call that changes something) and every other
 * read. Health and version stay open; the master's internal calls are open to Basic authentication but need the
 * master's token ({@link MasterToken}). A realm whose flag is off is open.
 */
final class AgentRealms implements BasicAuth.Realms {
    static final String READONLY = "mesos-agent-readonly";
    static final String READWRITE = "mesos-agent-readwrite";
    private static final Set<String> OPEN = Set.of("/health", "/slave(1)/health", "/version");

    private final AgentAuth auth;

    AgentRealms(AgentAuth auth) {
        this.auth = auth;
    }

    @Override
    public String of(String method, String path) {
        if (OPEN.contains(path) || MasterToken.PATHS.contains(path)) {
            return null;
        }
        boolean read = method.equals("GET") || method.equals("HEAD");
        // libprocess serves the logging toggle in the read-write realm, GET as it is
        if (path.equals("/api/v1") || !read || path.equals(LoggingToggle.PATH)) {
            return auth.readwrite() ? READWRITE : null;
        }
        return auth.readonly() ? READONLY : null;
    }
}
