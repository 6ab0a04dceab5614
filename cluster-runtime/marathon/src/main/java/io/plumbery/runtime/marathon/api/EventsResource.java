package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.api.RouteTable.Route;
import java.util.List;
import org.eclipse.jetty.server.Request;

/** {@code GET /v2/events[?event_type=]}: the leader's events as Server-Sent Events ({@link EventStream}). */
final class EventsResource implements RouteTable.Resource {
    static final String PATH = "/v2/events";
    private final Leadership leadership;

    EventsResource(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", PATH, (call, scheduler) ->
                EventStream.serve(call, leadership.events(), Request.getRemoteAddr(call.request))));
    }
}
