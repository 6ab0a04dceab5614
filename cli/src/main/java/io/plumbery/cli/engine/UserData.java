package io.plumbery.cli.engine;

import io.plumbery.fittings.model.Node;
import io.plumbery.node.ssh.SshIdentity;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-data a node boots with: enough to be reached over SSH with the plan's key. The plan's own
 * cloud-config needs the addresses of other nodes, which exist only after build; the bootstrap stage
 * ({@code polish}) renders and applies it then.
 */
final class UserData {

    private UserData() {
    }

    static String firstBoot(Node node, SshIdentity identity) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", identity.user());
        user.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        user.put("shell", "/bin/bash");
        user.put("ssh_authorized_keys", List.of(identity.publicKey()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("hostname", node.name());
        config.put("users", List.of("default", user));
        config.put("ssh_pwauth", false);
        config.put("disable_root", true);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return "#cloud-config\n" + new Yaml(options).dump(config);
    }
}
