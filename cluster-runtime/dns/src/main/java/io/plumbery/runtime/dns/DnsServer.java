package io.plumbery.runtime.dns;

import io.plumbery.runtime.http.BasicAuth;
import io.plumbery.runtime.http.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Mesos-DNS-compatible server: the leading master found in ZooKeeper, its state read every refresh interval
 * (and soon after the leader changes), answered over UDP and TCP on one port and over HTTP.
 */
public final class DnsServer implements AutoCloseable {
    private static final int UDP_THREADS = 8;
    private static final int TCP_THREADS = 16;
    /**
     * A new leader knows no agents until they re-register (within seconds): its state read at once would publish an
     * empty cluster, so the refresh waits this long (the old records, mostly still right, are served meanwhile).
     */
    private static final long LEADER_SETTLE_MILLIS = 5_000;

    private enum State { LATENT, STARTED, CLOSED }

    private final DnsConfig config;
    private final HostResolver hosts;
    private final DnsAuth auth;
    private final AtomicReference<State> lifecycle = new AtomicReference<>(State.LATENT);
    private MasterSource masters;
    private Refresher refresher;
    private UdpServer udp;
    private TcpServer tcp;
    private HttpServer http;
    private ScheduledExecutorService timer;

    /** A server with open HTTP API that resolves host names as the system does. */
    public DnsServer(DnsConfig config) {
        this(config, HostResolver.system());
    }

    /** @param hosts how agents' and masters' host names become addresses (tests allow IP literals only) */
    public DnsServer(DnsConfig config, HostResolver hosts) {
        this(config, hosts, DnsAuth.OPEN);
    }

    /** A server that reads the master's state and answers its HTTP API with the credentials of {@code auth}. */
    public DnsServer(DnsConfig config, HostResolver hosts, DnsAuth auth) {
        this.config = config;
        this.hosts = hosts;
        this.auth = auth;
    }

    /**
     * Binds the DNS sockets before anything else runs, so that a port in use (or port 53 without the capability to
     * bind it) fails the start; what was opened is closed again.
     */
    public void start() throws Exception {
        if (!lifecycle.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("already started");
        }
        try {
            masters = MasterSource.of(config.master(), config.zkSessionTimeout());
            refresher = new Refresher(masters, new StateClient(config.stateTimeout(), auth.mesos()),
                    new RecordGenerator(config.domain(), config.labels(), hosts), nameServerIps(config.listener()));
            DnsResolver resolver = new DnsResolver(config, refresher::current,
                    new Forwarder(config.resolvers(), config.forwardTimeout()));
            bind(resolver::reply);
            http = new HttpServer("dns", config.httpListener(), config.httpPort(),
                    BasicAuth.around(new DnsApi(config, refresher::current).handler(), auth.http(),
                            (method, path) -> path.equals("/v1/version") ? null : DnsAuth.REALM));
            http.start();
            udp.start();
            tcp.start();
            timer = Executors.newSingleThreadScheduledExecutor(r -> Workers.daemon("dns-refresh", r));
            masters.start(this::refreshSoon);
            timer.scheduleWithFixedDelay(refresher::refresh, 0, config.refresh().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** UDP and TCP on one port; with port 0, a free UDP port whose TCP twin may be taken, so a few tries. */
    private void bind(DnsHandler handler) throws IOException {
        InetAddress listener = HostResolver.literal(config.listener());
        for (int attempt = 1; ; attempt++) {
            udp = new UdpServer(new InetSocketAddress(listener, config.port()), handler, UDP_THREADS);
            try {
                tcp = new TcpServer(new InetSocketAddress(listener, udp.port()), handler, TCP_THREADS);
                return;
            } catch (BindException e) {
                udp.close();
                if (config.port() != 0 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void refreshSoon() {
        try {
            timer.schedule(refresher::refresh, Math.min(LEADER_SETTLE_MILLIS, config.refresh().toMillis()),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the server is closing
        }
    }

    /** The DNS port, the same for UDP and TCP. */
    public int port() {
        return udp.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** Whether the master's state has been read once, so that names of the domain are answered. */
    public boolean isReady() {
        return refresher != null && refresher.current() != null;
    }

    /** The address(es) of {@code ns1.<domain>}: the listener, or every non-loopback address for the wildcard. */
    static List<String> nameServerIps(String listener) throws SocketException {
        InetAddress address = HostResolver.literal(listener);
        if (!address.isAnyLocalAddress()) {
            return List.of(address.getHostAddress());
        }
        List<String> out = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    out.add(a.getHostAddress());
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        if (lifecycle.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        for (AutoCloseable c : new AutoCloseable[] {masters, udp, tcp, http}) {
            if (c != null) {
                c.close();
            }
        }
    }
}
