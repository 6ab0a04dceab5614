package io.plumbery.engine;

import io.plumbery.fittings.placeholder.Lookup;
import io.plumbery.providers.NodeRecord;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.state.Placed;
import io.plumbery.state.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The values of node-stage placeholders for one node: addresses of every node from the state, the plan's
 * secrets and keys. Empty where a value does not exist yet (a node not built, no public address).
 */
public record NodeValues(State state, String self, Secrets secrets, SshIdentity identity) implements Lookup {

    @Override
    public Optional<String> value(String scope, String attribute) {
        if (attribute.equals("secret")) {
            return Optional.of(secrets.get(scope.equals("random") ? "random" : scope));
        }
        switch (scope) {
            case "secret":
                return Optional.of(secrets.get(attribute));
            case "node":
                return node(self, attribute);
            case "rsa_public", "key":
                if (attribute.equals("local")) {
                    return localPublicKey();
                }
                return attribute.equals("private") ? Optional.empty() : Optional.of(identity.publicKey());
            case "credentials":
                return Optional.ofNullable(System.getenv(attribute.equals("name")
                        ? "PLUMBERY_CREDENTIALS_NAME" : "PLUMBERY_CREDENTIALS_PASSWORD"));
            default:
                return node(scope, attribute);
        }
    }

    private Optional<String> node(String name, String attribute) {
        if (attribute.equals("name")) {
            return Optional.of(name);
        }
        Placed<NodeRecord> placed = state.nodes().get("node." + name);
        if (placed == null) {
            return Optional.empty();
        }
        NodeRecord n = placed.record();
        return Optional.ofNullable(switch (attribute) {
            case "private", "ipv4" -> n.privateAddress();
            case "public" -> n.publicAddress();
            default -> null;
        });
    }

    /** {@code {{ rsa_public.local }}}: the public key of the person running plumbery, if they have one. */
    private static Optional<String> localPublicKey() {
        for (String name : new String[]{"id_ed25519.pub", "id_rsa.pub"}) {
            Path key = Path.of(System.getProperty("user.home"), ".ssh", name);
            try {
                if (Files.isReadable(key)) {
                    return Optional.of(Files.readString(key).trim());
                }
            } catch (IOException ignored) {
                // no local key: the placeholder stays unresolved and is reported
            }
        }
        return Optional.empty();
    }
}
