package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.master.FrameworkCalls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The operator's TEARDOWN (v1) and {@code POST /master/teardown} with {@code frameworkId=ID} in the body. */
public final class FrameworkTeardown implements OperatorCalls {
    private final FrameworkCalls calls;
    private final LeaderGate gate;

    public FrameworkTeardown(FrameworkCalls calls, LeaderGate gate) {
        this.calls = calls;
        this.gate = gate;
    }

    public void register(Router router) {
        router.route(gate.leaderOnly(this::endpoint), "/master/teardown", "/teardown");
    }

    @Override
    public boolean answer(String type, JsonNode call, Exchange ex) {
        if (!type.equals("TEARDOWN")) {
            return false;
        }
        String id = call.path("teardown").path("framework_id").path("value").asText("");
        if (id.isEmpty()) {
            ex.text(400, "Expecting 'teardown' to be present");
        } else {
            Methods.refused(ex, calls.teardown(id, ex.principal().orElse(null)));
        }
        return true;
    }

    private void endpoint(Exchange ex) throws Exception {
        if (!Methods.allowed(ex, "POST")) {
            return;
        }
        String id = null;
        for (String pair : ex.body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("frameworkId")) {
                id = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        if (id == null) {
            ex.text(400, "Missing 'frameworkId' query parameter in the request body");
            return;
        }
        Methods.refused(ex, calls.teardown(id, ex.principal().orElse(null)));
    }
}
