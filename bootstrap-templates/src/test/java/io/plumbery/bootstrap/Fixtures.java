package io.plumbery.bootstrap;

import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.ClusterCredentials;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.render.CloudConfigYaml;
import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.node.ssh.SshIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A 3-master, 3-agent plan on 10.0.0.0/24 (no traffic goes there: rendering only). */
public final class Fixtures {
    public static final SshIdentity LOGIN = new SshIdentity(Path.of("/state/keys/id_ed25519"),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPlumberyTestKeyOnlyForGoldenFilesXXXXXXXXX plumbery@mesos-3x3",
            "plumbery-admin");

    /** Made-up secrets, each recognisable, so a test can tell which one leaked where. */
    public static final ClusterCredentials CREDENTIALS = new ClusterCredentials("AdminSecretXXXXXXXXXX",
            "MarathonSecretXXXXXXX", "ChronosSecretXXXXXXXX", "AgentSecretXXXXXXXXXX", "DnsSecretXXXXXXXXXXXX",
            "ZooKeeperSecretXXXXXX");

    private Fixtures() {
    }

    public static BootstrapPlan mesos3x3(Map<String, Object> globalBlock, Map<String, Object> master1Block,
                                         Map<String, Object> agentBlock) {
        List<BootstrapNode> nodes = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            nodes.add(new BootstrapNode("master" + i, Role.fromPlanRole("mesos-master"), "10.0.0.1" + i,
                    "203.0.113.1" + i, new SshEndpoint("203.0.113.1" + i, 22, "plumbery-admin", null),
                    i == 1 ? master1Block : Map.of(), 2, 4096));
        }
        for (int i = 1; i <= 3; i++) {
            nodes.add(new BootstrapNode("node" + i, Role.fromPlanRole("mesos-agent"), "10.0.0.2" + i, null,
                    new SshEndpoint("10.0.0.2" + i, 22, "plumbery-admin", null), agentBlock, 4, 8192));
        }
        return new BootstrapPlan("mesos-3x3", nodes, globalBlock, Path.of("plumbery-cluster-runtime.jar"), CREDENTIALS);
    }

    public static BootstrapPlan mesos3x3() {
        return mesos3x3(Map.of(), Map.of(), Map.of());
    }

    public static Map<String, Object> yamlResource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/plans/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /plans/" + name);
            }
            return CloudConfigYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
