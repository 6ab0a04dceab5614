package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.protocol.AgentMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The master's calls to the agent (launch, kill, acknowledge, shut a framework down) are obeyed only with the token
 * that the master gave at the agent's current registration; any other is 403, so that only the leading master the
 * agent is registered with can make it run anything. Always on. The same token stands for the agent's own
 * authentication on reads ({@link #readsAround}): the master reads the agent so for people it has authenticated.
 */
final class MasterToken {
    static final Set<String> PATHS = Set.of(AgentMessages.AGENT_LAUNCH, AgentMessages.AGENT_KILL,
            AgentMessages.AGENT_ACK, AgentMessages.AGENT_SHUTDOWN_FRAMEWORK);

    private final Supplier<String> current;

    /** {@code current}: the token of the agent's registration, null while it has none. */
    MasterToken(Supplier<String> current) {
        this.current = current;
    }

    Router.Route required(Router.Route route) {
        return ex -> {
            if (matches(ex.header(AgentMessages.MASTER_TOKEN))) {
                route.handle(ex);
            } else {
                ex.text(403, "Not a call of the master this agent is registered with");
            }
        };
    }

    /**
     * {@code authenticated} (the agent's API behind its Basic authentication), except that a GET or HEAD carrying the
     * master's token goes to {@code api} directly.
     */
    Handler readsAround(Handler authenticated, Handler api) {
        return new Handler.Wrapper(authenticated) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
                if (read && matches(request.getHeaders().get(AgentMessages.MASTER_TOKEN))) {
                    return api.handle(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        };
    }

    /** The principal the master read for, on a read carrying its token; empty otherwise. */
    Optional<String> principalOf(String token, String principal) {
        return matches(token) ? Optional.ofNullable(principal) : Optional.empty();
    }

    private boolean matches(String presented) {
        String expected = current.get();
        return expected != null && presented != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
