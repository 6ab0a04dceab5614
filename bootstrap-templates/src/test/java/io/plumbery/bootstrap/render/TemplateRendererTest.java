package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapNode;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.Role;
import io.plumbery.bootstrap.model.RuntimeSettings;
import io.plumbery.node.ssh.SshEndpoint;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {
    private final TemplateRenderer templates = new TemplateRenderer();

    @Test
    void missingValueFailsWithTemplateLineAndExpression() {
        Map<String, Object> model = new HashMap<>();
        model.put("plan", Map.of("name", "p"));
        model.put("node", Map.of("name", "n1"));
        model.put("settings", Map.of("zookeeperTickMs", 500));
        RenderException e = assertThrows(RenderException.class, () -> templates.render("zoo.cfg.ftl", model));
        assertEquals(new RenderError("zoo.cfg.ftl", 27, 14, "missing value for 'settings.zookeeperClientPort'"), e.error());
        assertEquals("zoo.cfg.ftl:27:14: missing value for 'settings.zookeeperClientPort'", e.getMessage());
    }

    @Test
    void nullValueIsAnErrorNotABlank() {
        Map<String, Object> node = new HashMap<>();
        node.put("name", "n1");
        node.put("privateAddress", null);
        RenderException e = assertThrows(RenderException.class, () -> templates.render("mesos-agent.env.ftl",
                Map.of("plan", Map.of("name", "p"), "node", node, "zookeeperClientOpts", "",
                        "settings", Map.of("agentHeapMb", 1, "runtimeJar", "/x"))));
        assertEquals("mesos-agent.env.ftl", e.error().template());
        assertEquals(5, e.error().line());
        assertTrue(e.error().problem().contains("node.privateAddress"), e.error().problem());
    }

    @Test
    void unknownTemplateIsAnError() {
        RenderException e = assertThrows(RenderException.class, () -> templates.render("nope.ftl", Map.of()));
        assertEquals(new RenderError("nope.ftl", 0, 0, "template not found"), e.error());
    }

    @Test
    void agentWithoutAnyZookeeperInThePlanFailsToRender() {
        BootstrapNode agent = new BootstrapNode("node1", Role.fromPlanRole("mesos-agent"), "10.0.0.21", null,
                new SshEndpoint("10.0.0.21", 22, "u", null), Map.of(), 2, 2048);
        BootstrapPlan plan = new BootstrapPlan("lonely", List.of(agent), Map.of(), Path.of("x.jar"),
                Fixtures.CREDENTIALS);
        RenderException e = assertThrows(RenderException.class,
                () -> new NodeRenderer(templates, RuntimeSettings.defaults()).serviceFiles(plan, agent));
        assertEquals("mesos-agent.env.ftl", e.error().template());
        assertTrue(e.getMessage().contains("secretFiles.agentMasterZk"), e.getMessage());
    }

    @Test
    void yamlFunctionQuotesSafely() {
        assertEquals("\"a \\\"b\\\"\\n: c\"", Yaml.quote("a \"b\"\n: c"));
        assertEquals(Map.of("k", "a \"b\"\n: c"), CloudConfigYaml.parse("k: " + Yaml.quote("a \"b\"\n: c")));
    }

    @Test
    void rolesFromPlan() {
        assertEquals(java.util.Set.of(Role.ZOOKEEPER, Role.MASTER, Role.MARATHON, Role.CHRONOS, Role.MESOS_DNS),
                Role.fromPlanRole("mesos-master"));
        assertEquals(java.util.Set.of(Role.AGENT), Role.fromPlanRole("Mesos-Agent"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Role.fromPlanRole("metronome"));
        assertTrue(e.getMessage().contains("'metronome'"));
        assertEquals("plumbery-mesos-agent.service", Role.AGENT.unit());
        assertTrue(Fixtures.mesos3x3().nodes().size() == 6);
    }

    @Test
    void nodeNamesAndAddressesThatWouldBreakTheFilesAreRefused() {
        SshEndpoint ssh = new SshEndpoint("10.0.0.1", 22, "u", null);
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> new BootstrapNode("bad name",
                Role.fromPlanRole("mesos-agent"), "10.0.0.1", null, ssh, Map.of(), 1, 1024));
        assertTrue(name.getMessage().contains("'bad name' is not a valid host name"), name.getMessage());
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class, () -> new BootstrapNode("n1",
                Role.fromPlanRole("mesos-agent"), "10.0.0.1\n6.6.6.6 evil", null, ssh, Map.of(), 1, 1024));
        assertTrue(address.getMessage().startsWith("privateAddress of n1 is not an address"), address.getMessage());
    }
}
