package io.plumbery.engine.cloudconfig;

import io.plumbery.engine.ProviderPool;
import io.plumbery.engine.Workspace;
import io.plumbery.fittings.model.Facility;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.providers.Providers;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code plan --show-cloud-config NODE} shows: the node's cloud-config as polish would apply it, with what
 * polish would warn about or refuse; a read of the state and keys, nothing made or touched.
 */
public final class CloudConfigPreview {

    private CloudConfigPreview() {
    }

    /** @throws IllegalArgumentException when the plan has no node of that name */
    public static ShownCloudConfig read(Plan plan, Path stateDir, String nodeName) throws StateException {
        Node node = plan.node(nodeName).orElseThrow(() -> new IllegalArgumentException("no node named '" + nodeName
                + "' in " + plan.source() + "; nodes: " + String.join(", ", plan.nodes().map(Node::name).toList())));
        Workspace workspace = Workspace.of(plan, stateDir);
        State state = StateStore.peek(workspace.stateFile(), plan.name());
        ShownCloudConfig shown = NodeCloudConfig.shown(plan, node, state, existingKey(workspace.dir()));
        List<String> warnings = new ArrayList<>(shown.warnings());
        String provider = provider(plan, node);
        OfflinePackages.refusal(node.name(), provider, packagesReachable(plan, provider), shown.document())
                .ifPresent(refusal -> warnings.add("polish refuses it: " + refusal));
        return new ShownCloudConfig(shown.document(), warnings);
    }

    /** The plan's key if it was made already; never makes one. */
    static SshIdentity existingKey(Path dir) {
        return Files.exists(dir.resolve(SshKeys.PRIVATE_KEY_FILE)) ? SshKeys.ensure(dir) : null;
    }

    private static String provider(Plan plan, Node node) {
        return plan.facilities().stream().filter(f -> f.blueprints().stream().anyMatch(b -> b.nodes().contains(node)))
                .map(Facility::provider).findFirst().orElseThrow();
    }

    private static boolean packagesReachable(Plan plan, String provider) {
        try (ProviderPool pool = new ProviderPool(Providers.discover(), plan, null, null)) {
            return pool.packagesReachable(provider);
        }
    }
}
