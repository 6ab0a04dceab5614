package io.plumbery.bootstrap.render;

import io.plumbery.fittings.load.CloudConfigMerge;
import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.Golden;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.RuntimeSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The merge of the mesosphere example's blocks (see src/test/resources/plans/README.md). */
class CloudConfigMergeTest {

    @Test
    void listsAppendMapsDeepMergeScalarsFromOverlayWin() {
        Map<String, Object> base = Map.of("a", List.of(1), "m", Map.of("x", 1, "y", Map.of("z", 1)), "s", "base");
        Map<String, Object> overlay = Map.of("a", List.of(2), "m", Map.of("y", Map.of("w", 2)), "s", "overlay", "n", 3);
        Map<String, Object> merged = CloudConfigMerge.merge(base, overlay);
        assertEquals(List.of(1, 2), merged.get("a"));
        assertEquals(Map.of("x", 1, "y", Map.of("z", 1, "w", 2)), merged.get("m"));
        assertEquals("overlay", merged.get("s"));
        assertEquals(3, merged.get("n"));
        assertEquals(List.of(1), base.get("a"), "inputs untouched");
    }

    @Test
    void mesosphereMasterBlocksMergeOntoGeneratedCloudConfig() {
        Map<String, Object> masterBlock = CloudConfigMerge.merge(
                Fixtures.yamlResource("mesosphere-master.yaml"), Fixtures.yamlResource("mesosphere-master1.yaml"));
        BootstrapPlan plan = Fixtures.mesos3x3(Fixtures.yamlResource("mesosphere-global.yaml"), masterBlock,
                Fixtures.yamlResource("mesosphere-agent.yaml"));
        NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());
        BootstrapNode master1 = plan.nodes().get(0);

        String userData = renderer.cloudConfig(plan, master1, Fixtures.LOGIN);
        Golden.assertMatches("master1/cloud-config.merged.yaml", userData);

        Map<String, Object> merged = CloudConfigYaml.parse(userData);
        assertEquals(List.of("/etc/ssh/sshd_config.d/10-plumbery.conf", "/etc/hosts", "/root/hosts.awk",
                        "/etc/yum.repos.d/docker.repo", "/root/zoo.cfg.addition", "/var/lib/zookeeper/myid",
                        "/root/shell_hello.json"),
                paths(merged.get("write_files")), "generated files first, then global, then the node's");
        assertEquals(List.of("plumbery-admin", "plumbery", "default", "centos"),
                ((List<?>) merged.get("users")).stream()
                        .map(u -> u instanceof Map<?, ?> m ? m.get("name") : u).toList());
        @SuppressWarnings("unchecked")
        List<Object> runcmd = (List<Object>) merged.get("runcmd");
        assertEquals(3 + 3 + 5 + 2, runcmd.size());
        assertEquals("echo \"===== Updating /etc/hosts\"", runcmd.get(3));
        assertEquals(List.of("curl", "ca-certificates", "openjdk-17-jre-headless", "ntp", "wget", "git", "tar"),
                merged.get("packages"));
        assertEquals(false, merged.get("disable_root"), "the plan's scalar wins, as in plumbery");
        assertEquals("master1", merged.get("hostname"));
        assertEquals(Map.of("enabled", true, "ntp_client", "systemd-timesyncd",
                "servers", RuntimeSettings.defaults().ntpServers()), merged.get("ntp"));

        Golden.assertMatches("node1/cloud-config.merged.yaml", renderer.cloudConfig(plan, plan.nodes().get(3), Fixtures.LOGIN));
    }

    @Test
    void mesos3x9ExampleBlockMergesOntoGeneratedCloudConfig() {
        BootstrapPlan plan = Fixtures.mesos3x3(Map.of(), Fixtures.yamlResource("mesos-3x9-master1.yaml"), Map.of());
        NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());

        String userData = renderer.cloudConfig(plan, plan.nodes().get(0), Fixtures.LOGIN);

        Golden.assertMatches("master1/cloud-config.mesos-3x9.yaml", userData);
        Map<String, Object> merged = CloudConfigYaml.parse(userData);
        assertEquals(List.of("curl", "ca-certificates", "openjdk-17-jre-headless", "ntp"), merged.get("packages"));
        assertEquals(List.of("/etc/ssh/sshd_config.d/10-plumbery.conf", "/etc/hosts", "/etc/motd"), paths(merged.get("write_files")));
        assertEquals(true, merged.get("disable_root"));
    }

    private static List<Object> paths(Object writeFiles) {
        return ((List<?>) writeFiles).stream().map(f -> ((Map<?, ?>) f).get("path")).map(Object.class::cast).toList();
    }
}
