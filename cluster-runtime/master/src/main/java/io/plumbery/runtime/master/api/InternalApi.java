package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.AgentRefused;
import io.plumbery.runtime.master.AgentRegistry;
import io.plumbery.runtime.protocol.AgentMessages;
import io.plumbery.runtime.protocol.Json;

/**
 * The master's side of the internal agent protocol. 409 = not the leader here (or the agent cannot be admitted now),
 * 404 = unknown agent, 403 = the agent is refused (marked gone, its machine DOWN, or not authorized).
 */
public final class InternalApi {
    private final AgentRegistry registry;

    public InternalApi(AgentRegistry registry) {
        this.registry = registry;
    }

    public void register(Router router) {
        router.route(this::registerAgent, AgentMessages.MASTER_REGISTER);
        router.route(this::heartbeat, AgentMessages.MASTER_HEARTBEAT);
        router.route(this::update, AgentMessages.MASTER_UPDATE);
    }

    private void registerAgent(Exchange ex) throws Exception {
        AgentMessages.Registered registered;
        try {
            registered = registry.register(Json.read(ex.body(), AgentMessages.Register.class), ex.principal().orElse(null));
        } catch (AgentRefused refused) {
            ex.text(403, refused.getMessage());
            return;
        }
        if (registered == null) {
            ex.text(409, "Not the leading master");
        } else {
            ex.json(200, registered);
        }
    }

    private void heartbeat(Exchange ex) throws Exception {
        AgentMessages.Heartbeat hb = Json.read(ex.body(), AgentMessages.Heartbeat.class);
        if (registry.heartbeat(hb.agentId())) {
            ex.empty(200);
        } else {
            ex.text(404, "Unknown agent; re-register");
        }
    }

    private void update(Exchange ex) throws Exception {
        AgentMessages.UpdatesReply reply = registry.update(Json.read(ex.body(), AgentMessages.StatusUpdates.class));
        if (reply == null) {
            ex.text(404, "Unknown agent; re-register");
        } else {
            ex.json(200, reply);
        }
    }
}
