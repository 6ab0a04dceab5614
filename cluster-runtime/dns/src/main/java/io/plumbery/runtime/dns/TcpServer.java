package io.plumbery.runtime.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over TCP (RFC 7766): length-prefixed messages, several per connection, answered in order. One thread
 * accepts; each connection holds a worker of a bounded pool until the client closes it or is idle for
 * {@link #IDLE_MILLIS}; a connection beyond the pool's queue is closed at once.
 */
final class TcpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    static final int IDLE_MILLIS = 10_000;

    private final ServerSocket server;
    private final DnsHandler handler;
    private final ThreadPoolExecutor workers;
    private final Thread acceptor;
    /** Open connections, closed with the server: a worker blocked reading one cannot be interrupted otherwise. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpServer(InetSocketAddress bind, DnsHandler handler, int threads) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 128);
        this.handler = handler;
        this.workers = Workers.bounded("dns-tcp", threads, 64, (r, pool) -> ((Connection) r).close());
        this.acceptor = Workers.daemon("dns-tcp-accept", this::accept);
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                workers.execute(new Connection(server.accept()));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("TCP accept failed: {}", e.toString());
                }
            }
        }
    }

    /** One client connection: queries answered until it closes or goes idle. */
    private final class Connection implements Runnable {
        private final Socket socket;

        Connection(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void run() {
            open.add(socket);
            try (socket) {
                socket.setSoTimeout(IDLE_MILLIS);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                while (true) {
                    byte[] query = new byte[in.readUnsignedShort()];
                    in.readFully(query);
                    byte[] reply = handler.reply(query, true);
                    if (reply == null) {
                        return;
                    }
                    out.writeShort(reply.length);
                    out.write(reply);
                    out.flush();
                }
            } catch (EOFException | SocketTimeoutException done) {
                // the client closed the connection or left it idle
            } catch (IOException e) {
                LOG.debug("TCP connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
            } catch (RuntimeException e) {
                LOG.warn("Query from {} failed", socket.getRemoteSocketAddress(), e);
            } finally {
                open.remove(socket);
            }
        }

        void close() {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
        open.forEach(TcpServer::closeQuietly);
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
