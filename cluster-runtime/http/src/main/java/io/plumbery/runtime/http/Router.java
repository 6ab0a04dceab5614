package io.plumbery.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Exact-path routing to small handlers; unknown paths are 404, handler exceptions 500 (400 for bad input). */
public final class Router extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    /** A handler of one or more paths. */
    @FunctionalInterface
    public interface Route {
        void handle(Exchange exchange) throws Exception;
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    public Router route(Route route, String... paths) {
        for (String p : paths) {
            routes.put(p, route);
        }
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(request, response, callback);
        Route route = routes.get(exchange.path());
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
