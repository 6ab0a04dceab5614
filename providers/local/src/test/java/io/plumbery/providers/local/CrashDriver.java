package io.plumbery.providers.local;

import io.plumbery.node.ssh.SshIdentity;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NetworkRequest;
import io.plumbery.providers.NodeRequest;
import io.plumbery.providers.ProviderSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A stand-in for the CLI in {@link CrashIT}: builds a network and one node, and is killed with -9 meanwhile. */
public final class CrashDriver {

    private CrashDriver() {
    }

    /** args: plan, workDir, stateDir, subnet, private key path, image cache. */
    public static void main(String[] args) throws Exception {
        Path key = Path.of(args[4]);
        SshIdentity identity = new SshIdentity(key, Files.readString(Path.of(key + ".pub")).trim(), "plumbery");
        try (LocalProvider provider = LocalProvider.open(new ProviderSettings(args[0], Path.of(args[1]), identity,
                Map.of("stateDir", args[2], "imageCache", args[5])))) {
            NetworkRecord net = provider.ensureNetwork(new NetworkRequest(args[0] + "-net", args[0], "eth", args[3]));
            provider.createNode(new NodeRequest("c1", net, 1, 256, List.of(), "debian", NodeLogin.userData(identity)));
            System.out.println("CrashDriver: finished (it should have been killed before)");
        }
    }
}
