package io.plumbery.engine;

import io.plumbery.node.ssh.HostKeyFingerprint;
import io.plumbery.node.ssh.KnownHosts;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NodeRecord;
import io.plumbery.state.Placed;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The nodes whose SSH host key no provider reported (a cloud whose console showed none in time) and that the plan's
 * known_hosts does not know yet: the bootstrap's first connection trusts the key such a node presents. Once it has,
 * the key's fingerprint, as {@code ssh-keygen -lf} prints it, is said plainly, so that people can compare it with the
 * node's own, and recorded in the node's {@code hostKey} attribute.
 */
final class FirstUseHostKeys {

    static final String ATTRIBUTE = "hostKey";

    private final KnownHosts knownHosts;
    private final SortedMap<String, SshEndpoint> awaiting;

    private FirstUseHostKeys(KnownHosts knownHosts, SortedMap<String, SshEndpoint> awaiting) {
        this.knownHosts = knownHosts;
        this.awaiting = awaiting;
    }

    /** Taken before the first connections: the nodes whose key nothing vouches for yet. */
    static FirstUseHostKeys before(State state, KnownHosts knownHosts) {
        SortedMap<String, SshEndpoint> awaiting = new TreeMap<>();
        state.nodes().forEach((address, placed) -> {
            SshEndpoint ssh = placed.record().ssh();
            if (ssh != null && (ssh.hostKey() == null || ssh.hostKey().isBlank())
                    && knownHosts.pinned(ssh.host(), ssh.port()).isEmpty()) {
                awaiting.put(address, ssh);
            }
        });
        return new FirstUseHostKeys(knownHosts, awaiting);
    }

    /** After them: says ({@code note}, a progress line) and records each key that a first connection trusted. */
    void report(StateStore store, Consumer<String> note) {
        awaiting.forEach((address, ssh) -> knownHosts.pinned(ssh.host(), ssh.port()).ifPresent(key -> {
            String fingerprint = HostKeyFingerprint.of(key);
            Placed<NodeRecord> placed = store.current().nodes().get(address);
            String node = placed == null ? address : placed.record().name();
            note.accept("node " + node + ": SSH host key of " + ssh.host() + ":" + ssh.port()
                    + " TRUSTED ON FIRST USE (the provider showed none): " + fingerprint + "; compare it with the "
                    + "node's own (ssh-keygen -lf /etc/ssh/ssh_host_" + keyFile(key) + "_key.pub); it is pinned in "
                    + knownHosts.file() + " from now on");
            if (placed != null) {
                record(store, address, placed, fingerprint, note);
            }
        }));
    }

    private static void record(StateStore store, String address, Placed<NodeRecord> placed, String fingerprint,
                               Consumer<String> note) {
        NodeRecord r = placed.record();
        Map<String, String> attributes = new HashMap<>(r.attributes());
        attributes.put(ATTRIBUTE, fingerprint + ", trusted on first use");
        try {
            store.update(s -> s.withNode(address, placed.with(new NodeRecord(r.id(), r.name(), r.network(),
                    r.status(), r.privateAddress(), r.publicAddress(), r.ssh(), attributes))));
        } catch (StateException e) {
            note.accept("node " + r.name() + ": could not record its host key's fingerprint: " + e.getMessage());
        }
    }

    /** {@code ed25519}, {@code ecdsa}, {@code rsa}: how OpenSSH names the node's key file of that type. */
    private static String keyFile(String key) {
        String type = key.split("\\s+")[0];
        return type.startsWith("ecdsa-") ? "ecdsa" : type.replaceFirst("^ssh-", "");
    }
}
