package io.plumbery.bootstrap.render;

import io.plumbery.bootstrap.Fixtures;
import io.plumbery.bootstrap.model.BootstrapPlan;
import io.plumbery.bootstrap.model.RuntimeSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstBootTest {

    @Test
    void theLoginUserWithThePlansKeyAndSudoAndNothingElse() {
        String userData = FirstBoot.userData("mesos-3x3", "web1", Fixtures.LOGIN);
        assertTrue(userData.startsWith("#cloud-config\n"), userData);
        Map<String, Object> parsed = CloudConfigYaml.parse(userData);

        assertEquals(Set.of("hostname", "users", "ssh_pwauth", "disable_root"), parsed.keySet(),
                "no root keys, files, commands or packages before polish");
        assertEquals("web1", parsed.get("hostname"));
        assertEquals(false, parsed.get("ssh_pwauth"));
        assertEquals(true, parsed.get("disable_root"));
        List<?> users = (List<?>) parsed.get("users");
        assertEquals(1, users.size(), "the login user alone: not the image's default user, nor its sudo");
        Map<?, ?> login = (Map<?, ?>) users.get(0);
        assertEquals("plumbery-admin", login.get("name"));
        assertEquals("ALL=(ALL) NOPASSWD:ALL", login.get("sudo"));
        assertEquals("/bin/bash", login.get("shell"));
        assertEquals(true, login.get("lock_passwd"));
        assertEquals(List.of(Fixtures.LOGIN.publicKey()), login.get("ssh_authorized_keys"));
    }

    @Test
    void theLoginUserIsTheOneTheFullCloudConfigDeclares() {
        BootstrapPlan plan = Fixtures.mesos3x3();
        NodeRenderer renderer = new NodeRenderer(new TemplateRenderer(), RuntimeSettings.defaults());
        List<?> full = (List<?>) CloudConfigYaml.parse(renderer.generatedCloudConfig(plan, plan.nodes().get(0),
                Fixtures.LOGIN)).get("users");
        List<?> first = (List<?>) CloudConfigYaml.parse(FirstBoot.userData(plan.planName(), "master1",
                Fixtures.LOGIN)).get("users");
        assertEquals(full.subList(0, 1), first);
    }
}
