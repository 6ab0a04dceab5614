package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.HttpCallbacks;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.Violation;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * {@code /v2/eventSubscriptions} of Marathon's {@code http_callback} subscriber: GET lists the callback URLs, POST and
 * DELETE {@code ?callbackUrl=} subscribe and unsubscribe one (answering the {@code subscribe_event} or
 * {@code unsubscribe_event} they publish). Without {@code --event_subscriber http_callback}, answered as such a
 * Marathon answers (400 with its message), as {@code /v2/info} says ({@code "event_subscriber": null}).
 */
final class EventSubscriptionsResource implements RouteTable.Resource {
    static final String NOT_RUNNING = "http event callback system is not running on this Marathon instance. "
            + "Please re-start this instance with \"--event_subscriber http_callback\".";

    @Override
    public List<Route> routes() {
        return List.of(Route.leader(RouteTable.ANY, "/v2/eventSubscriptions", this::subscriptions));
    }

    private void subscriptions(HttpCall call, MarathonScheduler scheduler) {
        if (!List.of("GET", "POST", "DELETE").contains(call.method())) {
            call.methodNotAllowed();
            return;
        }
        HttpCallbacks callbacks = scheduler.callbacks().orElse(null);
        if (callbacks == null) {
            call.message(400, NOT_RUNNING);
            return;
        }
        String clientIp = Request.getRemoteAddr(call.request);
        switch (call.method()) {
            case "GET" -> {
                ObjectNode out = MarathonJson.object();
                ArrayNode urls = out.putArray("callbackUrls");
                callbacks.urls().forEach(urls::add);
                call.json(200, out);
            }
            case "POST" -> call.json(200, callbacks.subscribe(valid(call.query("callbackUrl")), clientIp));
            default -> call.json(200, callbacks.unsubscribe(String.valueOf(call.query("callbackUrl")), clientIp));
        }
    }

    /** Marathon's check: a URL {@code java.net.URL} reads, else 422 with its reason ("no protocol: x"). */
    private static String valid(String url) {
        try {
            if (url == null) {
                throw new MalformedURLException("no callbackUrl");
            }
            new URL(url);
            return url;
        } catch (MalformedURLException e) {
            throw MarathonException.invalid(List.of(Violation.of("/", String.valueOf(e.getMessage()))));
        }
    }
}
