package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.List;

/** {@code GET /v2/queue}: the apps waiting for offers; {@code DELETE /v2/queue/{app id}/delay}: no more backoff. */
final class QueueResource implements RouteTable.Resource {
    private static final String PREFIX = "/v2/queue";
    private static final String DELAY = "/delay";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", PREFIX, this::list),
                Route.leader("DELETE", PREFIX + "/*" + DELAY, this::resetDelay));
    }

    private void list(HttpCall call, MarathonScheduler scheduler) {
        ArrayNode queue = MarathonJson.MAPPER.createArrayNode();
        scheduler.operations().snapshot().queue().forEach(queue::add);
        ObjectNode out = MarathonJson.object();
        out.set("queue", queue);
        call.json(200, out);
    }

    private void resetDelay(HttpCall call, MarathonScheduler scheduler) {
        String path = call.path();
        PathId app = PathId.parse(path.substring(PREFIX.length(), path.length() - DELAY.length()));
        scheduler.operations().resetDelay(app);
        call.send(204, null, new byte[0]);
    }
}
