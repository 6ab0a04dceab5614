package io.plumbery.runtime.http;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Collapses empty path segments ({@code /v2/apps//group/app}) before any route sees the path, as Mesos and Marathon
 * do: clients that join a prefix and an id starting with {@code /} send them.
 */
final class EmptySegments extends Handler.Wrapper {

    EmptySegments(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        String collapsed = collapse(path);
        Request served = collapsed.equals(path) ? request
                : Request.serveAs(request, HttpURI.build(request.getHttpURI()).path(collapsed));
        return super.handle(served, response, callback);
    }

    static String collapse(String path) {
        return path == null || !path.contains("//") ? path : path.replaceAll("/{2,}", "/");
    }
}
