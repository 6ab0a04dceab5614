package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.core.MarathonScheduler;
import java.util.List;
import java.util.Optional;

/**
 * Which resource answers a request: the first route, in the resources' order, whose method and path pattern match.
 * A pattern is an exact path, or a prefix and a suffix around one {@code *} ({@code /v2/queue/*}{@code /delay}).
 * A route for {@link #ANY} method leaves the method to its resource, which answers 405 to those it does not serve;
 * a method no route takes is a 404, as Marathon answers here.
 */
final class RouteTable {
    static final String ANY = "*";

    /** Answers one request; {@code scheduler} is the leader's, null on the routes every instance answers. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpCall call, MarathonScheduler scheduler) throws Exception;
    }

    /** One path family's routes. */
    interface Resource {
        List<Route> routes();
    }

    record Route(String method, String pattern, boolean leaderOnly, Handler handler) {

        /** Answered by the leader only; other instances proxy it there. */
        static Route leader(String method, String pattern, Handler handler) {
            return new Route(method, pattern, true, handler);
        }

        /** Answered by every instance, leading or not. */
        static Route everyInstance(String method, String pattern, Handler handler) {
            return new Route(method, pattern, false, handler);
        }

        boolean matches(String requestMethod, String path) {
            if (!method.equals(ANY) && !method.equals(requestMethod)) {
                return false;
            }
            int star = pattern.indexOf('*');
            return star < 0 ? pattern.equals(path)
                    : path.startsWith(pattern.substring(0, star)) && path.endsWith(pattern.substring(star + 1));
        }
    }

    private final List<Route> routes;

    RouteTable(List<? extends Resource> resources) {
        this.routes = resources.stream().flatMap(r -> r.routes().stream()).toList();
    }

    Optional<Route> find(String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst();
    }
}
