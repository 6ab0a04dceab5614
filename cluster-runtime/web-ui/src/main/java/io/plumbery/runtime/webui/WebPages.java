package io.plumbery.runtime.webui;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a service's page at {@code /} and the pages' files under {@code /ui/}, in front of its API: every other
 * request goes on to the API's handler unchanged. A standby sends the browser to the leader's page.
 */
public final class WebPages extends Handler.Wrapper {
    static final String ASSETS = "/ui/";
    private final Page page;
    private final LeaderLocation leader;
    private final Assets assets = new Assets();

    public WebPages(Handler api, Page page, LeaderLocation leader) {
        super(api);
        this.page = page;
        this.leader = leader;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        boolean read = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (read && "/".equals(path)) {
            Optional<String> elsewhere = leader.elsewhere();
            if (elsewhere.isPresent()) {
                response.setStatus(307);
                response.getHeaders().put(HttpHeader.LOCATION, elsewhere.get() + "/");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                serve(request, response, callback, assets.find(page.file()));
            }
            return true;
        }
        if (read && path != null && path.startsWith(ASSETS)) {
            serve(request, response, callback, assets.find(path.substring(ASSETS.length())));
            return true;
        }
        return super.handle(request, response, callback);
    }

    private void serve(Request request, Response response, Callback callback, Optional<Asset> found) {
        if (found.isEmpty()) {
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("Not found".getBytes(StandardCharsets.UTF_8)),
                    callback);
            return;
        }
        Asset asset = found.get();
        // small files, checked again on each load: a new jar's pages are seen at once, unchanged ones cost a 304
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.ETAG, asset.etag());
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", ContentPolicy.POLICY);
        if (asset.etag().equals(request.getHeaders().get(HttpHeader.IF_NONE_MATCH))) {
            response.setStatus(304);
            response.write(true, ByteBuffer.allocate(0), callback);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        boolean head = request.getMethod().equals("HEAD");
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(asset.body()), callback);
    }
}
