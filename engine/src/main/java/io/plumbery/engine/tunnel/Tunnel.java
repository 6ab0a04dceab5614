package io.plumbery.engine.tunnel;

import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.engine.Secrets;
import io.plumbery.engine.Workspace;
import io.plumbery.engine.cluster.ClusterHttp;
import io.plumbery.engine.cluster.ClusterLayout;
import io.plumbery.engine.cluster.ServiceLeaders;
import io.plumbery.engine.tls.NodeCertificates;
import io.plumbery.fittings.model.Plan;
import io.plumbery.net.TlsForwarder;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * Plain HTTP on this machine's loopback to the cluster's services over TLS: one port per service (the master,
 * Marathon, Chronos), each connection forwarded to that service's leader of the moment, verified against the plan's
 * authority. For clients that speak no TLS; they still authenticate themselves, since the tunnel adds no credentials
 * (the admin's are used only to ask Marathon and Chronos which instance leads). Reads the state without locking it.
 */
public final class Tunnel implements AutoCloseable {
    /** How long finding a connection's leader and the TLS handshake may take together. */
    public static final Duration PLACE_WITHIN = Duration.ofSeconds(10);

    /** A service's local end: {@code http://127.0.0.1:PORT}. */
    public record Listener(String service, String url) {
    }

    /** The cluster cannot be tunnelled to (not built, not reachable from here, no authority yet). */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final List<TlsForwarder> forwarders;
    private final List<Listener> listeners;

    private Tunnel(List<TlsForwarder> forwarders, List<Listener> listeners) {
        this.forwarders = forwarders;
        this.listeners = listeners;
    }

    /**
     * Listens on 127.0.0.1 for each service, at the port given (0: any free one), and forwards from then on.
     *
     * @param problems one line for each connection that cannot be placed, or breaks
     */
    public static Tunnel open(Plan plan, Path stateDir, Map<ServiceLeaders.Service, Integer> ports,
                              Consumer<String> problems) throws Refused, StateException, IOException {
        Workspace workspace = Workspace.of(plan, stateDir);
        State state = StateStore.peek(workspace.stateFile(), plan.name());
        ClusterLayout layout = ClusterLayout.of(plan, state);
        if (layout.isEmpty()) {
            throw new Refused("no master of plan " + plan.name() + " is built: 'deploy' builds the cluster");
        }
        if (!ClusterLayout.reachable(state)) {
            throw new Refused("the plan's nodes are not reachable from here (their provider gives no SSH endpoint)");
        }
        SSLContext tls = NodeCertificates.trusting(workspace.tlsDir()).orElseThrow(() -> new Refused(
                "plan " + plan.name() + " has no certificate authority yet: 'deploy' makes it"));
        ClusterCredentials.Principal admin = Secrets.in(workspace.dir()).existingCluster()
                .map(ClusterCredentials::adminPrincipal).orElse(null);
        ServiceLeaders leaders = new ServiceLeaders(new ClusterHttp(admin, NodeCertificates.client(workspace.tlsDir())),
                layout.masters());
        List<TlsForwarder> forwarders = new ArrayList<>();
        List<Listener> listeners = new ArrayList<>();
        for (ServiceLeaders.Service service : ServiceLeaders.Service.values()) {
            int port = ports.getOrDefault(service, 0);
            try {
                TlsForwarder f = new TlsForwarder(service.label(), port, () -> leaders.leader(service), tls,
                        PLACE_WITHIN, problems);
                forwarders.add(f);
                listeners.add(new Listener(service.label(), "http://127.0.0.1:" + f.port()));
            } catch (IOException e) {
                new Tunnel(forwarders, listeners).close();
                throw new IOException("cannot listen on 127.0.0.1:" + port + " for " + service.label() + ": "
                        + e.getMessage(), e);
            }
        }
        forwarders.forEach(TlsForwarder::start);
        return new Tunnel(forwarders, listeners);
    }

    public List<Listener> listeners() {
        return listeners;
    }

    @Override
    public void close() throws IOException {
        for (TlsForwarder f : forwarders) {
            f.close();
        }
    }
}
