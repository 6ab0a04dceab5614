package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.Golden;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.RuntimeSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every template against its golden output; regenerate with {@code -Dgolden.update=true}. */
class TemplatesGoldenTest {
    private final NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());
    private final BootstrapPlan plan = Fixtures.mesos3x3();

    private BootstrapNode node(String name) {
        return plan.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void cloudConfigTemplate() {
        Golden.assertMatches("master1/cloud-config.yaml",
                renderer.generatedCloudConfig(plan, node("master1"), Fixtures.LOGIN));
    }

    @Test
    void generatedCloudConfigIsValidYamlAndSurvivesARoundTrip() {
        String raw = renderer.generatedCloudConfig(plan, node("node2"), Fixtures.LOGIN);
        Map<String, Object> parsed = CloudConfigYaml.parse(raw);
        assertEquals("node2", parsed.get("hostname"));
        assertEquals(false, parsed.get("ssh_pwauth"));
        assertEquals(true, parsed.get("disable_root"));
        assertEquals(parsed, CloudConfigYaml.parse(CloudConfigYaml.dump(parsed)));
        Golden.assertMatches("node2/cloud-config.merged.yaml", renderer.cloudConfig(plan, node("node2"), Fixtures.LOGIN));
    }

    @Test
    void withoutPackagesOrNtpThoseSectionsAreLeftOut() {
        NodeRenderer local = new NodeRenderer(new TemplateRenderer(),
                RuntimeSettings.defaults().withPackagesAndNtp(List.of(), List.of()));
        Map<String, Object> parsed = CloudConfigYaml.parse(local.generatedCloudConfig(plan, node("node1"), Fixtures.LOGIN));
        assertFalse(parsed.containsKey("packages") || parsed.containsKey("package_update") || parsed.containsKey("ntp"),
                parsed.keySet().toString());
        assertEquals(List.of(Fixtures.LOGIN.publicKey()), parsed.get("ssh_authorized_keys"));
    }

    @Test
    void masterFiles() {
        List<RenderedFile> files = renderer.serviceFiles(plan, node("master2"));
        assertEquals(List.of("/etc/plumbery/hosts", "/etc/ssh/sshd_config.d/10-plumbery.conf",
                "/etc/systemd/system/plumbery-zookeeper.service", "/etc/plumbery/zookeeper.env",
                "/etc/plumbery/zoo.cfg", "/var/lib/plumbery/zookeeper/myid",
                "/etc/systemd/system/plumbery-mesos-master.service", "/etc/plumbery/mesos-master.env",
                "/etc/plumbery/mesos-acls.json",
                "/etc/plumbery/secrets/mesos-master.zk", "/etc/plumbery/secrets/mesos-master.credentials.json",
                "/etc/systemd/system/plumbery-marathon.service", "/etc/plumbery/marathon.env",
                "/etc/plumbery/secrets/marathon.master.zk", "/etc/plumbery/secrets/marathon.zk",
                "/etc/plumbery/secrets/marathon.secret",
                "/etc/systemd/system/plumbery-chronos.service", "/etc/plumbery/chronos.env",
                "/etc/plumbery/secrets/chronos.master.zk", "/etc/plumbery/secrets/chronos.zk",
                "/etc/plumbery/secrets/chronos.secret",
                "/etc/systemd/system/plumbery-mesos-dns.service", "/etc/plumbery/mesos-dns.env",
                "/etc/plumbery/secrets/mesos-dns.master.zk", "/etc/plumbery/secrets/mesos-dns.credential.json",
                "/etc/plumbery/secrets/mesos-dns.http_credentials.json"),
                files.stream().map(RenderedFile::path).toList());
        files.forEach(f -> Golden.assertMatches("master2/" + f.path().substring(f.path().lastIndexOf('/') + 1), f.content()));
    }

    @Test
    void agentFiles() {
        List<RenderedFile> files = renderer.serviceFiles(plan, node("node1"));
        assertEquals(List.of("/etc/plumbery/hosts", "/etc/ssh/sshd_config.d/10-plumbery.conf",
                "/etc/systemd/system/plumbery-mesos-agent.service", "/etc/plumbery/mesos-agent.env",
                "/etc/plumbery/mesos-acls.json",
                "/etc/plumbery/secrets/mesos-agent.master.zk", "/etc/plumbery/secrets/mesos-agent.credential.json",
                "/etc/plumbery/secrets/mesos-agent.http_credentials.json"),
                files.stream().map(RenderedFile::path).toList());
        files.forEach(f -> Golden.assertMatches("node1/" + f.path().substring(f.path().lastIndexOf('/') + 1), f.content()));
    }

    @Test
    void agentsOfNodesThatInstallDockerTurnTheDockerContainerizerOn() {
        BootstrapNode plain = node("node1");
        BootstrapNode withDocker = new BootstrapNode(plain.name(), plain.roles(), plain.privateAddress(),
                plain.publicAddress(), plain.ssh(), Map.of("packages", List.of("curl", "docker.io")), plain.cpu(),
                plain.memoryMb());
        String files = renderer.serviceFiles(plan, withDocker).stream().map(RenderedFile::content)
                .collect(Collectors.joining("\n"));
        assertTrue(files.contains("MESOS_CONTAINERIZERS=mesos,docker\n"), files);
        assertTrue(files.contains("SupplementaryGroups=docker\n") && files.contains("After=docker.service\n"), files);
        String without = renderer.serviceFiles(plan, plain).stream().map(RenderedFile::content)
                .collect(Collectors.joining("\n"));
        assertTrue(without.contains("MESOS_CONTAINERIZERS=mesos\n") && !without.contains("docker.service"), without);
    }

    @Test
    void systemdVariablesPassThroughAndNoBlankValues() {
        String all = plan.nodes().stream().flatMap(n -> renderer.serviceFiles(plan, n).stream())
                .map(RenderedFile::content).collect(Collectors.joining("\n"));
        assertTrue(all.contains("${RUNTIME_JAR}") && all.contains("$JAVA_OPTS"), "systemd variables kept");
        // DNS_RESOLVERS is blank on purpose: none until the node's mesos-dns.resolvers.env names some
        assertFalse(all.replace("\nDNS_RESOLVERS=\n", "\n").contains("=\n"), "no setting rendered blank");
        assertFalse(all.contains("[="), "no interpolation left");
        assertEquals("3\n", renderer.serviceFiles(plan, node("master3")).get(5).content());
    }
}
