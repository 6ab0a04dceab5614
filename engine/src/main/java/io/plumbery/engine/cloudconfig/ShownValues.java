package io.plumbery.engine.cloudconfig;

import io.plumbery.engine.NodeValues;
import io.plumbery.fittings.placeholder.Lookup;

import java.util.Optional;

/**
 * Placeholder values for showing a cloud-config to people: every secret is {@value NodeCloudConfig#SECRET} (and
 * none is made), and a value that does not exist yet reads {@code (web1.private after build)} instead of being
 * missing. The rest is what polish resolves ({@link NodeValues}).
 *
 * @param values the node's values; its identity may be null when the plan has no key yet
 */
record ShownValues(NodeValues values) implements Lookup {

    @Override
    public Optional<String> value(String scope, String attribute) {
        if (secret(scope, attribute)) {
            return Optional.of(NodeCloudConfig.SECRET);
        }
        boolean planKey = (scope.equals("key") || scope.equals("rsa_public")) && !attribute.equals("local");
        Optional<String> known = planKey && values.identity() == null ? Optional.empty() : values.value(scope, attribute);
        String owner = scope.equals("node") ? values.self() : scope;
        return known.or(() -> Optional.of("(" + owner + "." + attribute + " after build)"));
    }

    /** {@code {{ db.secret }}}, {@code {{ secret.db }}}, the plan's private key, the credentials' password. */
    static boolean secret(String scope, String attribute) {
        return attribute.equals("secret") || scope.equals("secret") || attribute.equals("private") && scope.equals("key")
                || scope.equals("rsa_private") || scope.equals("credentials") && attribute.equals("password");
    }
}
