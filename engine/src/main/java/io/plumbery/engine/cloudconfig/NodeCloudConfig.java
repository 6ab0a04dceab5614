package io.plumbery.engine.cloudconfig;

import io.plumbery.bootstrap.cloudconfig.CloudConfigDocument;
import io.plumbery.engine.NodeValues;
import io.plumbery.fittings.model.Node;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.placeholder.Placeholders;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.ssh.SshKeys;
import io.plumbery.state.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node's cloud-config from the plan (the plan's {@code defaults: cloud-config:}, its profile's and its own, as the
 * plan merged them) with its placeholders resolved: for polish with the real values, or for people with secrets
 * masked and addresses of nodes not built yet named.
 */
public final class NodeCloudConfig {

    /** What a masked secret reads. */
    public static final String SECRET = "(secret)";

    private NodeCloudConfig() {
    }

    /** For polish: every placeholder resolved; those without a value yet are listed in {@code missing}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> resolved(Node node, NodeValues values, List<String> missing) {
        return (Map<String, Object>) Placeholders.resolveTree(node.cloudConfig(), values, missing);
    }

    /**
     * For people: the document polish applies to {@code node}, secrets masked, nothing made (no secret, no key).
     *
     * @param identity the plan's key, or null when it has none yet
     */
    @SuppressWarnings("unchecked")
    public static ShownCloudConfig shown(Plan plan, Node node, State state, SshIdentity identity) {
        NodeValues values = new NodeValues(state, node.name(), null, identity);
        Map<String, Object> content = (Map<String, Object>) SecretMask.mask(
                Placeholders.resolveTree(node.cloudConfig(), new ShownValues(values), new ArrayList<>()));
        CloudConfigDocument document = CloudConfigDocument.of(plan.name(), node.name(), content);
        String login = identity != null ? identity.user() : SshKeys.DEFAULT_LOGIN_USER;
        return new ShownCloudConfig(document, CloudConfigWarnings.of(document, login));
    }
}
