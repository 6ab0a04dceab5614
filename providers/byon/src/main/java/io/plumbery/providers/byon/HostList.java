package io.plumbery.providers.byon;

import io.plumbery.providers.ProviderException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machines of a byon facility, read from one of two files:
 * <ul>
 *   <li>a hosts file (YAML): {@code hosts:} then, for each, {@code name}, {@code address}, {@code user},
 *       {@code key}, and optionally {@code port}, {@code hostKey}, {@code public};</li>
 *   <li>OpenSSH client configuration, as {@code vagrant ssh-config} prints it: each {@code Host} block is a machine
 *       named as the block ({@code HostName}, {@code Port}, {@code User}, {@code IdentityFile}).</li>
 * </ul>
 * Key files are relative to the file that names them. Every fault names the file and the host.
 */
public final class HostList {

    private final Path file;
    private final Map<String, ExistingHost> hosts;

    private HostList(Path file, Map<String, ExistingHost> hosts) {
        this.file = file;
        this.hosts = hosts;
    }

    public Path file() {
        return file;
    }

    /** The machine listed for a node. */
    public ExistingHost host(String node) throws ProviderException {
        ExistingHost host = hosts.get(node);
        if (host == null) {
            throw new ProviderException(file + " lists no host '" + node + "' (it lists: "
                    + (hosts.isEmpty() ? "none" : String.join(", ", hosts.keySet())) + ")");
        }
        return host;
    }

    public Optional<ExistingHost> find(String node) {
        return Optional.ofNullable(hosts.get(node));
    }

    /** Reads a hosts file, or OpenSSH configuration when {@code sshConfig} is true. */
    public static HostList read(Path file, boolean sshConfig) throws ProviderException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ProviderException("cannot read the byon host list " + file + ": " + e.getMessage());
        }
        Map<String, ExistingHost> hosts = sshConfig ? fromSshConfig(file, text) : fromYaml(file, text);
        return new HostList(file, hosts);
    }

    private static Map<String, ExistingHost> fromYaml(Path file, String text) throws ProviderException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new ProviderException(file + ": not YAML: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("hosts") instanceof List<?> items)) {
            throw new ProviderException(file + ": a byon host list is 'hosts:' then one entry per machine, e.g. "
                    + "'- {name: master1, address: 192.168.56.10, user: vagrant, key: id_ed25519}'");
        }
        Map<String, ExistingHost> hosts = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String where = file + ": host " + (i + 1);
            if (!(items.get(i) instanceof Map<?, ?> entry)) {
                throw new ProviderException(where + " is not a mapping of name, address, user and key");
            }
            for (Object key : entry.keySet()) {
                if (!List.of("name", "address", "port", "user", "key", "hostKey", "public").contains(key)) {
                    throw new ProviderException(where + ": unknown key '" + key
                            + "' (known: name, address, port, user, key, hostKey, public)");
                }
            }
            String name = required(entry, "name", where);
            where = file + ": host '" + name + "'";
            add(hosts, new ExistingHost(name, required(entry, "address", where), port(entry.get("port"), where),
                    required(entry, "user", where), keyFile(file, required(entry, "key", where)),
                    optional(entry, "hostKey"), optional(entry, "public")), where);
        }
        return hosts;
    }

    /** {@code Host} blocks; {@code Match} blocks and options beside the four above are skipped, as ssh would skip them for us. */
    private static Map<String, ExistingHost> fromSshConfig(Path file, String text) throws ProviderException {
        Map<String, ExistingHost> hosts = new LinkedHashMap<>();
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            String keyword = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? unquote(kv[1].strip()) : "";
            if (keyword.equals("host") || keyword.equals("match")) {
                current = keyword.equals("host") && !value.contains("*") ? new LinkedHashMap<>() : null;
                if (current != null) {
                    current.put("host", value);
                    blocks.add(current);
                }
            } else if (current != null) {
                current.putIfAbsent(keyword, value);
            }
        }
        for (Map<String, String> block : blocks) {
            String name = block.get("host");
            String where = file + ": Host " + name;
            String key = block.get("identityfile");
            if (key == null) {
                throw new ProviderException(where + " has no IdentityFile: byon logs in with a key");
            }
            add(hosts, new ExistingHost(name, block.getOrDefault("hostname", name), port(block.get("port"), where),
                    block.getOrDefault("user", "root"), keyFile(file, key), null, null), where);
        }
        return hosts;
    }

    private static void add(Map<String, ExistingHost> hosts, ExistingHost host, String where) throws ProviderException {
        if (hosts.putIfAbsent(host.name(), host) != null) {
            throw new ProviderException(where + ": '" + host.name() + "' is listed twice");
        }
    }

    private static String required(Map<?, ?> entry, String key, String where) throws ProviderException {
        Object value = entry.get(key);
        if (value == null || value.toString().isBlank()) {
            throw new ProviderException(where + " has no '" + key + "'");
        }
        return value.toString().strip();
    }

    private static String optional(Map<?, ?> entry, String key) {
        Object value = entry.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static int port(Object value, String where) throws ProviderException {
        if (value == null) {
            return 22;
        }
        try {
            int port = Integer.parseInt(value.toString().strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ProviderException(where + ": port must be a number from 1 to 65535, not '" + value + "'");
    }

    private static Path keyFile(Path listFile, String name) {
        Path key = name.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(name.substring(2))
                : listFile.toAbsolutePath().getParent().resolve(name);
        return key.normalize();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
