package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.Cpu;
import io.plumbery.fittings.model.Disk;
import io.plumbery.fittings.model.Glue;
import io.plumbery.fittings.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one node line of a blueprint: its own settings first, then those of its profile
 * ({@code default: NAME}), then the plan's shared cloud-config; expands its name range.
 */
final class NodeReader {

    static final List<String> PROFILE_KEYS = List.of("appliance", "cpu", "memory", "disks", "glue", "monitoring",
            "information", "description", "cloud-config", "running", "prepare", "backup", "windows", "roles");
    static final List<String> NODE_KEYS;

    static {
        List<String> keys = new ArrayList<>(PROFILE_KEYS);
        keys.add(0, "default");
        NODE_KEYS = List.copyOf(keys);
    }

    private static final Set<String> TIERS = Set.of("standard", "highperformance", "economy");
    private static final Set<String> MONITORING = Set.of("essentials", "advanced");
    private static final Set<String> BACKUP = Set.of("essentials", "advanced", "enterprise");
    /** What the bootstrap knows how to install; see the bootstrap's Role mapping. */
    static final Set<String> ROLES = Set.of("mesos-master", "mesos-agent", "zookeeper", "marathon");

    private final Map<String, YamlMap> profiles;
    private final Map<String, Object> sharedCloudConfig;

    NodeReader(Map<String, YamlMap> profiles, Map<String, Object> sharedCloudConfig) {
        this.profiles = profiles;
        this.sharedCloudConfig = sharedCloudConfig;
    }

    /** The nodes one line stands for, with their name positions for duplicate checks. */
    List<Located<Node>> read(String rawName, org.yaml.snakeyaml.nodes.Node nameNode, YamlMap own, String blueprint) {
        Source source = own.source();
        own.allowOnly(NODE_KEYS);
        List<String> names;
        try {
            names = NameRanges.expand(rawName.trim());
        } catch (IllegalArgumentException e) {
            source.error(nameNode, e.getMessage());
            return List.of();
        }
        if (!rawName.trim().matches("[A-Za-z0-9][A-Za-z0-9_.\\-\\[\\]]*")) {
            source.error(nameNode, "node name '" + rawName + "' may hold letters, digits, '-', '_' and '.' only");
            return List.of();
        }
        String profileName = own.string("default").orElse(null);
        YamlMap profile = null;
        if (profileName != null) {
            profile = profiles.get(profileName);
            if (profile == null) {
                source.error(own.value("default").orElse(nameNode), "unknown default profile '" + profileName + "'"
                        + Suggestions.hint(profileName, profiles.keySet()) + "; profiles under 'defaults': "
                        + (profiles.isEmpty() ? "none" : String.join(", ", profiles.keySet())));
            }
        }
        Layers layers = Layers.of(Optional.ofNullable(profile), Optional.of(own));

        Cpu cpu = layers.pick("cpu").flatMap(m -> cpu(m)).orElse(Cpu.DEFAULT);
        int memory = layers.pick("memory").map(m -> m.integer("memory", 1, 4096).orElse(1)).orElse(2);
        List<Disk> disks = layers.pick("disks").map(NodeReader::disks).orElse(List.of());
        List<Glue> glue = layers.pick("glue").map(GlueReader::read).orElse(List.of());
        String monitoring = layers.pick("monitoring").flatMap(m -> oneOf(m, "monitoring", MONITORING)).orElse(null);
        String running = layers.pick("running").flatMap(m -> oneOf(m, "running", Set.of("always"))).orElse(null);
        List<String> information = layers.pick("information").map(m -> m.strings("information")).orElse(List.of());
        String description = layers.pick("description").flatMap(m -> m.string("description")).orElse(null);
        String appliance = layers.pick("appliance").flatMap(m -> m.string("appliance")).orElse(null);
        List<String> roles = layers.pick("roles").map(NodeReader::roles).orElse(List.of());
        List<String> prepare = layers.pick("prepare").map(m -> m.strings("prepare")).orElse(List.of());
        String backup = layers.pick("backup").flatMap(m -> oneOf(m, "backup", BACKUP)).orElse(null);
        layers.pick("windows").ifPresent(m -> PlumberyKeys.notActedOn(m, "windows"));

        Map<String, Object> cloudConfig = sharedCloudConfig;
        if (profile != null) {
            cloudConfig = CloudConfigMerge.merge(cloudConfig, cloudConfig(profile));
        }
        cloudConfig = CloudConfigMerge.merge(cloudConfig, cloudConfig(own));

        List<Located<Node>> nodes = new ArrayList<>();
        for (String name : names) {
            SourceRange where = source.at(nameNode);
            nodes.add(new Located<>(new Node(name, blueprint, profileName, appliance, cpu, memory, disks, glue,
                    monitoring, information, description, roles, "always".equals(running), cloudConfig, prepare,
                    backup, where), where));
        }
        return nodes;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cloudConfig(YamlMap map) {
        Object plain = map.plain("cloud-config");
        if (plain == null) {
            return Map.of();
        }
        if (plain instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        map.source().error(map.value("cloud-config").orElse(map.node()),
                "'cloud-config' in " + map.what() + " must be a mapping (cloud-init user-data), not a single value");
        return Map.of();
    }

    private static Optional<Cpu> cpu(YamlMap m) {
        return m.string("cpu").flatMap(text -> {
            String[] words = text.trim().split("\\s+");
            try {
                int count = Integer.parseInt(words[0]);
                int cores = words.length > 1 ? Integer.parseInt(words[1]) : 1;
                String speed = words.length > 2 ? words[2] : "standard";
                if (count < 1 || count > 256 || cores < 1 || cores > count || words.length > 3
                        || !Set.of("standard", "highperformance").contains(speed)) {
                    throw new IllegalArgumentException();
                }
                return Optional.of(new Cpu(count, cores, speed));
            } catch (IllegalArgumentException e) {
                m.source().error(m.value("cpu").orElse(m.node()), "'cpu' in " + m.what() + " is '" + text
                        + "'; write a count (1-256), optionally cores per socket and speed: '4' or '4 2 highperformance'");
                return Optional.empty();
            }
        });
    }

    private static List<Disk> disks(YamlMap m) {
        List<Disk> disks = new ArrayList<>();
        for (Map.Entry<String, org.yaml.snakeyaml.nodes.Node> item : m.stringItems("disks")) {
            String[] words = item.getKey().trim().split("\\s+");
            try {
                int id = Integer.parseInt(words[0]);
                int size = Integer.parseInt(words[1]);
                String tier = words.length > 2 ? words[2] : "standard";
                if (words.length > 3 || id < 0 || id > 15 || size < 1 || size > 65536 || !TIERS.contains(tier)) {
                    throw new IllegalArgumentException();
                }
                disks.add(new Disk(id, size, tier));
            } catch (RuntimeException e) {
                m.source().error(item.getValue(), "disk '" + item.getKey() + "' in " + m.what()
                        + " must be 'ID SIZE_GB [standard|highperformance|economy]', e.g. '1 100 standard'");
            }
        }
        return disks;
    }

    private static List<String> roles(YamlMap m) {
        List<String> roles = new ArrayList<>();
        for (Map.Entry<String, org.yaml.snakeyaml.nodes.Node> item : m.stringItems("roles")) {
            if (ROLES.contains(item.getKey())) {
                roles.add(item.getKey());
            } else {
                m.source().error(item.getValue(), "unknown role '" + item.getKey() + "' in " + m.what()
                        + Suggestions.hint(item.getKey(), ROLES) + "; roles: "
                        + String.join(", ", new java.util.TreeSet<>(ROLES)));
            }
        }
        return roles;
    }

    private static Optional<String> oneOf(YamlMap m, String key, Set<String> allowed) {
        return m.string(key).filter(v -> {
            if (allowed.contains(v)) {
                return true;
            }
            m.source().error(m.value(key).orElse(m.node()), "'" + key + "' in " + m.what() + " is '" + v
                    + "'; it must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                    + Suggestions.hint(v, allowed));
            return false;
        });
    }
}
