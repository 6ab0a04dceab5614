package io.plumbery.bootstrap.cloudconfig;

import io.plumbery.bootstrap.render.CloudConfigYaml;
import io.plumbery.node.ssh.ContentSource;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node's cloud-config as polish applies it: the plan's merged document (defaults, profile, node; placeholders
 * resolved), with one setting of polish's own: when the {@code ssh} module runs, {@code ssh_deletekeys: false},
 * since the node's host keys are pinned in the plan's known_hosts and new ones would lock polish out.
 *
 * @param content the document as applied, polish's setting included
 */
public record CloudConfigDocument(String plan, String node, Map<String, Object> content) {

    /** What polish forces whenever the {@code ssh} module runs. */
    public static final String KEEP_HOST_KEYS = "ssh_deletekeys";

    public CloudConfigDocument {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(node, "node");
        content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /** The document to apply for {@code planDocument}, with polish's own setting added where it applies. */
    public static CloudConfigDocument of(String plan, String node, Map<String, ?> planDocument) {
        Map<String, Object> content = new LinkedHashMap<>(planDocument);
        if (CloudInitModule.SSH.actsOn(content)) {
            content.put(KEEP_HOST_KEYS, false);
        }
        return new CloudConfigDocument(plan, node, content);
    }

    /** No key at all: nothing to apply. */
    public boolean isEmpty() {
        return content.isEmpty();
    }

    /** The modules that apply it, in cloud-init's order. */
    public List<CloudInitModule> modules() {
        return CloudInitModule.actingOn(content);
    }

    /** Top-level keys that none of the modules reads: they are not applied. */
    public List<String> unappliedKeys() {
        return content.keySet().stream().filter(k -> !CloudInitModule.reads(k)).toList();
    }

    /** The packages it installs ({@code packages:} entries, a list entry {@code [name, version]} by its name). */
    public List<String> packages() {
        if (!(content.get("packages") instanceof List<?> packages)) {
            return List.of();
        }
        return packages.stream().map(p -> p instanceof List<?> pinned && !pinned.isEmpty()
                ? String.valueOf(pinned.get(0)) : String.valueOf(p)).toList();
    }

    /**
     * The users {@code users:} makes: each entry's name (a name alone, or a mapping's {@code name}), not cloud-init's
     * {@code default} (the image's own user).
     */
    public List<String> users() {
        if (!(content.get("users") instanceof List<?> users)) {
            return List.of();
        }
        return users.stream().map(u -> u instanceof Map<?, ?> entry ? entry.get("name") : u)
                .filter(name -> name != null && !"default".equals(name)).map(String::valueOf).toList();
    }

    /** Whether {@code users:} has an entry for {@code user} (its name alone, or a mapping with that name). */
    public boolean redefinesUser(String user) {
        return content.get("users") instanceof List<?> users && users.stream().anyMatch(u ->
                user.equals(u) || u instanceof Map<?, ?> entry && user.equals(entry.get("name")));
    }

    /** The text uploaded to the node: {@code #cloud-config}, a line naming plan and node, the YAML. */
    public String text() {
        String yaml = CloudConfigYaml.dump(content).substring(CloudConfigYaml.HEADER.length());
        return CloudConfigYaml.HEADER + "# plan " + plan + ", node " + node
                + ": applied by plumbery polish with cloud-init, module by module\n" + yaml;
    }

    /** Lower-case hex SHA-256 of {@link #text()}: the applied document's mark on the node. */
    public String sha256() {
        return ContentSource.of(bytes()).sha256();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }
}
