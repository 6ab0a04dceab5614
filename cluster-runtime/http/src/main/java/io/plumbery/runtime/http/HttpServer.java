package io.plumbery.runtime.http;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty server on one address and port (0 picks a free port). Empty path segments are accepted and
 * collapsed ({@link EmptySegments}); an encoded separator ({@code %2F}) is accepted and left encoded in the path, for
 * the APIs whose ids may hold one (Marathon's {@code /v2/apps/%2Fgroup%2Fapp}); every other ambiguous URI is still
 * refused as Jetty does by default. It speaks HTTPS when the process's {@link Tls} is on (and plain HTTP on the same
 * port too only with downgrade allowed).
 */
public final class HttpServer implements AutoCloseable {
    private static final UriCompliance URI_COMPLIANCE = UriCompliance.DEFAULT.with("DEFAULT_WITH_EMPTY_SEGMENTS",
            UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR);

    private final String host;
    private final int port;
    private final Handler handler;
    private final String name;
    private Server server;
    private ServerConnector connector;

    public HttpServer(String name, String host, int port, Handler handler) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.handler = handler;
    }

    public void start() throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName(name + "-http");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(URI_COMPLIANCE);
        connector = new ServerConnector(server, 1, 1, connectionFactories(http, Tls.forProcess()));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(new EmptySegments(handler));
        server.setStopTimeout(0);
        server.start();
    }

    private static ConnectionFactory[] connectionFactories(HttpConfiguration http, Tls tls) {
        if (!tls.enabled()) {
            return new ConnectionFactory[] {new HttpConnectionFactory(http)};
        }
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients reach services by address as often as by name; the certificate's names are checked by the clients
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.identity());
        ssl.setKeyStorePassword("");
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        SslConnectionFactory encrypted = new SslConnectionFactory(ssl, plain.getProtocol());
        return tls.downgrade()
                ? new ConnectionFactory[] {new DetectorConnectionFactory(encrypted), plain}
                : new ConnectionFactory[] {encrypted, plain};
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            try {
                server.stop();
            } catch (java.util.concurrent.TimeoutException streamsStillOpen) {
                // Graceful stop waits for event streams that are just closing; the server is stopped anyway.
            }
        }
    }
}
