package io.plumbery.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Plain TCP on a loopback port, forwarded over TLS: each accepted connection is placed on the target that
 * {@link Target} names at that moment (the service's current leader), within a bounded time, and then bytes are
 * copied both ways as they come, each direction closed on its own (so a request stream and a long event stream both
 * work). The server's certificate must chain to the given context's authorities and, where it names hosts, name the
 * one dialled. Nothing is added to or read from the bytes: whoever connects still authenticates to the service.
 */
public final class TlsForwarder implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    /** Where a new connection goes, asked once per connection. */
    @FunctionalInterface
    public interface Target {
        InetSocketAddress resolve() throws IOException;
    }

    private final String name;
    private final Target target;
    private final SSLContext tls;
    private final Duration placeWithin;
    private final Consumer<String> problems;
    private final ServerSocket listener;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /**
     * Listens on 127.0.0.1:{@code port} (0: any free port) at once; {@link #start} accepts.
     *
     * @param name        the service, for messages
     * @param placeWithin how long finding the target and the TLS handshake may take together
     * @param problems    one line for each connection that could not be placed or broke
     */
    public TlsForwarder(String name, int port, Target target, SSLContext tls, Duration placeWithin,
                        Consumer<String> problems) throws IOException {
        this.name = name;
        this.target = target;
        this.tls = tls;
        this.placeWithin = placeWithin;
        this.problems = problems;
        this.listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tunnel-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void start() {
        threads.execute(this::accept);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                threads.execute(() -> forward(client));
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    problems.accept(name + ": " + e.getMessage());
                }
            }
        }
    }

    private void forward(Socket client) {
        SSLSocket server;
        try {
            server = place();
        } catch (IOException e) {
            problems.accept(name + ": connection from port " + client.getPort() + " closed: " + e.getMessage());
            closeQuietly(client);
            return;
        }
        open.add(server);
        AtomicInteger directions = new AtomicInteger(2);
        threads.execute(() -> copy(server, client, directions));
        copy(client, server, directions);
    }

    /** The TLS connection to the target, handshake done, within {@code placeWithin}. */
    private SSLSocket place() throws IOException {
        CompletableFuture<SSLSocket> placing = CompletableFuture.supplyAsync(() -> {
            try {
                return connect(target.resolve());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, threads);
        try {
            return placing.get(placeWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            placing.thenAccept(this::closeQuietly); // if it comes after all, nobody waits for it
            throw new IOException("no " + name + " could be reached within " + placeWithin.toSeconds() + "s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private SSLSocket connect(InetSocketAddress to) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(to, (int) placeWithin.toMillis());
            SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(plain, to.getHostString(),
                    to.getPort(), true);
            SSLParameters parameters = secured.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name what was dialled
            secured.setSSLParameters(parameters);
            secured.startHandshake();
            return secured;
        } catch (IOException e) {
            closeQuietly(plain);
            throw new IOException(to.getHostString() + ":" + to.getPort() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies one direction until its end, then ends that direction alone on the other side (a half-close: the answer
     * may still come); both sockets are closed when both directions have ended, or at once when one breaks.
     */
    private void copy(Socket from, Socket to, AtomicInteger directions) {
        try {
            InputStream in = from.getInputStream(); // not closed by itself: that would close the socket
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
            if (directions.decrementAndGet() > 0) {
                return;
            }
        } catch (IOException | UnsupportedOperationException e) {
            if (!(e instanceof SocketException) && !from.isClosed() && !to.isClosed()) {
                problems.accept(name + ": " + e.getMessage());
            }
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do with it
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(this::closeQuietly);
        threads.shutdownNow();
    }
}
