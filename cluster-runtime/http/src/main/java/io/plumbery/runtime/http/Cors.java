package io.plumbery.runtime.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-origin requests from the origins a server's {@code --cors_origins} names ({@code *} for any), opt-in: with no
 * origins the server is left as it is. Preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are
 * answered here, 204 for an allowed origin and 403 for any other; other requests go on with the allowing headers.
 */
public final class Cors extends Handler.Wrapper {
    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String HEADERS = "Accept, Authorization, Content-Type, Last-Event-ID, Mesos-Stream-Id";
    static final String EXPOSED = "Location, Mesos-Stream-Id, Marathon-Deployment-Id, X-Marathon-Leader";
    private static final String ANY = "*";

    private final Set<String> origins;

    private Cors(Handler next, Set<String> origins) {
        super(next);
        this.origins = origins;
    }

    /** The handler itself when no origin is allowed, else the handler behind the origins' checks. */
    public static Handler around(Handler next, Set<String> origins) {
        return origins.isEmpty() ? next : new Cors(next, Set.copyOf(origins));
    }

    /** The flag's comma-separated origins ({@code http://a:8000, http://b}); empty or absent: none. */
    public static Set<String> origins(String flag) {
        if (flag == null) {
            return Set.of();
        }
        return Arrays.stream(flag.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return super.handle(request, response, callback);
        }
        boolean allowed = origins.contains(ANY) || origins.contains(origin);
        response.getHeaders().add(HttpHeader.VARY, "Origin");
        boolean preflight = request.getMethod().equals("OPTIONS")
                && request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (preflight) {
            if (allowed) {
                allow(response, origin);
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS);
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
            }
            response.setStatus(allowed ? 204 : 403);
            response.write(true, ByteBuffer.allocate(0), callback);
            return true;
        }
        if (allowed) {
            allow(response, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        }
        return super.handle(request, response, callback);
    }

    private void allow(Response response, String origin) {
        // a named origin may send credentials (basic auth); "any origin" may not, as browsers require
        if (origins.contains(origin)) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
        } else {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
        }
    }
}
