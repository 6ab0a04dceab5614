package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.AgentLink;
import io.plumbery.runtime.master.MasterCore;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /agent/AGENT_ID/PATH}: an agent's read-only endpoints ({@code /state}, {@code /files/browse},
 * {@code /files/read}, ...) through the leading master, as DC/OS's gateway serves them, for people the master has
 * authenticated (its read-only realm). The browser then needs one origin, one certificate and one login for the whole
 * cluster, and an agent's own authentication stays on: the master reads it with the token of the agent's registration.
 */
public final class AgentPages {
    public static final String PREFIX = "/agent/";
    private final MasterCore core;
    private final AgentLink link;

    public AgentPages(MasterCore core, AgentLink link) {
        this.core = core;
        this.link = link;
    }

    public void handle(Exchange ex) throws Exception {
        if (!ex.method().equals("GET") && !ex.method().equals("HEAD")) {
            ex.text(405, "Only reads of an agent go through the master");
            return;
        }
        String rest = ex.path().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String agentId = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/state" : rest.substring(slash);
        String endpoint = core.read(s -> {
            var agent = s.agents.get(agentId);
            return agent == null ? null : agent.endpoint();
        });
        if (endpoint == null) {
            ex.text(404, "No agent " + agentId + " is registered with this master");
            return;
        }
        String query = ex.pathAndQuery().substring(ex.path().length());
        HttpResponse<byte[]> answer;
        try {
            answer = link.read(endpoint, path + query, ex.principal().orElse(null)).get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            ex.text(502, "Agent " + agentId + " at " + endpoint + " did not answer: " + e.getCause());
            return;
        }
        ex.bytes(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                answer.body());
    }
}
