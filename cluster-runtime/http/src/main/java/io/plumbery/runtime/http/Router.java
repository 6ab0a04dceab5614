package io.plumbery.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact-path routing to small handlers, and prefix routing for the few that serve a whole tree; unknown paths are 404,
 * handler exceptions 500 (400 for bad input).
 */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** A handler of one or more paths. */
    @FunctionalInterface
    public interface Route {
        void handle(Exchange exchange) throws Exception;
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<String, Route> prefixes = new LinkedHashMap<>();

    public Router route(Route route, String... paths) {
        for (String p : paths) {
            routes.put(p, route);
        }
        return this;
    }

    /** {@code route} for every path under {@code prefix} ({@code /agent/}) that no exact route names. */
    public Router routeUnder(String prefix, Route route) {
        prefixes.put(prefix, route);
        return this;
    }

    private Route find(String path) {
        Route exact = routes.get(path);
        if (exact != null) {
            return exact;
        }
        return prefixes.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        Route route = find(exchange.path());
        // Mesos logs each request so; here it shows with the verbose logging level raised (/logging/toggle)
        LOG.debug("HTTP {} for {} from {}", exchange.method(), exchange.path(),
                Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request));
        try {
            if (route == null) {
                exchange.text(404, "Not found: " + exchange.path());
            } else {
                route.handle(exchange);
            }
        } catch (IllegalArgumentException e) {
            exchange.text(400, String.valueOf(e.getMessage()));
        } catch (Exception e) {
            LOG.warn("Handler for {} failed", exchange.path(), e);
            exchange.text(500, String.valueOf(e.getMessage()));
        }
        return true;
    }
}
