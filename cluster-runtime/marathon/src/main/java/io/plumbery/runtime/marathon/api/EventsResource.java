package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.api.RouteTable.Route;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.server.Request;

/**
 * {@code GET /v2/events[?event_type=]}: the leader's events as Server-Sent Events ({@link EventStream}), at most
 * {@link #MAX_STREAMS} open at once on this instance; one more is answered 503 at once, never left hanging.
 */
final class EventsResource implements RouteTable.Resource {
    static final String PATH = "/v2/events";
    static final int MAX_STREAMS = 64;
    private final Leadership leadership;
    private final Semaphore open = new Semaphore(MAX_STREAMS);

    EventsResource(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.leader("GET", PATH, (call, scheduler) -> serve(call)));
    }

    private void serve(HttpCall call) {
        if (!open.tryAcquire()) {
            call.message(503, "Too many open event streams: at most " + MAX_STREAMS);
            return;
        }
        EventStream.serve(call, leadership.events(), Request.getRemoteAddr(call.request), open::release);
    }
}
