package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.api.RouteTable.Route;
import java.util.List;

/**
 * {@code /v2/eventSubscriptions}: answered as a Marathon started without {@code --event_subscriber http_callback}
 * answers (400 with its message), as {@code /v2/info} says ({@code "event_subscriber": null}); events are served
 * as Server-Sent Events on {@code /v2/events} instead.
 */
final class EventSubscriptionsResource implements RouteTable.Resource {
    static final String NOT_RUNNING = "http event callback system is not running on this Marathon instance. "
            + "Please re-start this instance with \"--event_subscriber http_callback\".";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader(RouteTable.ANY, "/v2/eventSubscriptions", (call, scheduler) -> {
            if (List.of("GET", "POST", "DELETE").contains(call.method())) {
                call.message(400, NOT_RUNNING);
            } else {
                call.methodNotAllowed();
            }
        }));
    }
}
