package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.Operations;
import io.plumbery.runtime.marathon.core.Views;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;

/** {@code GET /v2/deployments}, {@code DELETE /v2/deployments/{id}[?force=]}: roll back, or with force just stop. */
final class DeploymentsResource implements RouteTable.Resource {
    private static final String PREFIX = "/v2/deployments/";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", "/v2/deployments", this::list),
                Route.leader("DELETE", PREFIX + "*", this::cancel));
    }

    private void list(HttpCall call, MarathonScheduler scheduler) {
        ArrayNode out = MarathonJson.MAPPER.createArrayNode();
        scheduler.operations().snapshot().deployments().forEach(d -> out.add(Views.deployment(d)));
        call.json(200, out);
    }

    /** 200 with the rollback's deployment, or 202 when forced (nothing rolls back). */
    private void cancel(HttpCall call, MarathonScheduler scheduler) {
        Operations.Change c = scheduler.operations().cancelDeployment(call.path().substring(PREFIX.length()),
                call.flag("force"));
        if (c == null) {
            call.send(202, "application/json", "{}".getBytes());
        } else {
            call.json(200, Bodies.change(c));
        }
    }
}
