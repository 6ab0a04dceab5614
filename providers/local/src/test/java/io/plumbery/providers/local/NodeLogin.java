package io.plumbery.providers.local;

import io.plumbery.node.ssh.CommandResult;
import io.plumbery.node.ssh.ListedHostKeys;
import io.plumbery.node.ssh.SshConnector;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.node.wait.Wait;

import java.time.Duration;
import java.util.List;

/**
 * How the integration tests get into the nodes they build: a first-boot user-data that lets the test's key
 * in (the engine renders the real one), and one SSH command with the host key the provider reported.
 */
final class NodeLogin {

    private NodeLogin() {
    }

    static String userData(SshIdentity identity) {
        return "#cloud-config\nusers:\n  - default\n  - name: " + identity.user() + "\n    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n"
                + "    shell: /bin/bash\n    ssh_authorized_keys: [\"" + identity.publicKey() + "\"]\n";
    }

    static CommandResult run(String host, SshIdentity identity, String hostKey, String command, Duration timeout) {
        return new SshConnector(new ListedHostKeys(() -> List.of(hostKey)), identity, Wait.upTo(1), Duration.ofSeconds(5))
                .run(new SshEndpoint(host, 22, identity.user(), null), command, timeout);
    }
}
