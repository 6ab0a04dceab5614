package io.plumbery.runtime.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** An embedded Jetty server on one address and port (0 picks a free port). */
public final class HttpServer implements AutoCloseable {
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
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(0);
        server.start();
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
