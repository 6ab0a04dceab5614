package io.plumbery.runtime.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * HTTP Basic authentication in front of an API, as Mesos and Marathon do it: each request falls in a realm (or none:
 * open), and a request of a realm without a valid {@code Authorization} is answered 401 with
 * {@code WWW-Authenticate: Basic realm="<realm>"}. The principal of an authenticated request is what
 * {@link Exchange#principal()} returns.
 */
public final class BasicAuth extends Handler.Wrapper {
    static final String PRINCIPAL = BasicAuth.class.getName() + ".principal";

    /** The realm a request must authenticate in, or null when it is open. */
    @FunctionalInterface
    public interface Realms {
        String of(String method, String path);
    }

    private final Credentials credentials;
    private final Realms realms;

    private BasicAuth(Handler next, Credentials credentials, Realms realms) {
        super(next);
        this.credentials = credentials;
        this.realms = realms;
    }

    /** The handler itself when there are no credentials (nothing asks for them), else behind the realms' checks. */
    public static Handler around(Handler next, Credentials credentials, Realms realms) {
        return credentials == null ? next : new BasicAuth(next, credentials, realms);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String realm = realms.of(request.getMethod(), request.getHttpURI().getPath());
        if (realm == null) {
            return super.handle(request, response, callback);
        }
        Optional<String> principal = credentials.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (principal.isEmpty()) {
            response.setStatus(401);
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.write(true, ByteBuffer.wrap("Unauthorized".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
        request.setAttribute(PRINCIPAL, principal.get());
        return super.handle(request, response, callback);
    }

    /** The principal a request was authenticated as, if it was. */
    public static Optional<String> principal(Request request) {
        return Optional.ofNullable((String) request.getAttribute(PRINCIPAL));
    }
}
