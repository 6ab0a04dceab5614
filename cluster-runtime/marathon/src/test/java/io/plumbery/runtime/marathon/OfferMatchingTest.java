package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.mesos.OfferResources;
import io.plumbery.runtime.marathon.mesos.TaskInfos;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.protocol.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferMatchingTest {
    static JsonNode offer(double cpus, double mem, long portsFrom, long portsTo) throws Exception {
        return Json.MAPPER.readTree("{\"id\":{\"value\":\"o1\"},\"agent_id\":{\"value\":\"a1\"},\"hostname\":\"h1\","
                + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":" + cpus + "},"
                + "\"allocation_info\":{\"role\":\"*\"}},{\"name\":\"mem\",\"type\":\"SCALAR\",\"scalar\":{\"value\":"
                + mem + "}},{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":" + portsFrom
                + ",\"end\":" + portsTo + "}]}}],\"attributes\":[{\"name\":\"rack\",\"type\":\"TEXT\",\"text\":{\"value\":\"r1\"}}]}");
    }

    @Test
    void resourcesAreConsumedTaskByTask() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"/a\",\"cmd\":\"x\",\"cpus\":1,\"mem\":100,\"ports\":[0,0]}");
        OfferResources res = new OfferResources(offer(2.5, 1000, 31000, 31004));
        assertThat(res.attributes()).containsEntry("rack", "r1");
        assertThat(res.misfit(app)).isEmpty();
        assertThat(res.take(app)).containsExactly(31000, 31001);
        assertThat(res.take(app)).containsExactly(31002, 31003);
        assertThat(res.misfit(app)).hasValue("InsufficientCpus");
        OfferResources ports = new OfferResources(offer(8, 1000, 31000, 31002));
        ports.take(app);
        assertThat(ports.misfit(app)).hasValue("InsufficientPorts");
        assertThat(new OfferResources(offer(8, 50, 31000, 31002)).misfit(app)).hasValue("InsufficientMemory");
    }

    @Test
    void requirePortsTakesTheDeclaredPorts() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"/a\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":1,\"requirePorts\":true,"
                + "\"portDefinitions\":[{\"port\":31003}]}");
        OfferResources res = new OfferResources(offer(8, 1000, 31000, 31010));
        assertThat(res.take(app)).containsExactly(31003);
        assertThat(res.misfit(app)).hasValue("InsufficientPorts");
        assertThat(new OfferResources(offer(8, 1000, 32000, 32010)).misfit(app)).hasValue("InsufficientPorts");
    }

    @Test
    void taskInfoCarriesCommandEnvironmentPortsAndMesosHealthCheck() throws Exception {
        AppDefinition app = AppModelTest.parse("{\"id\":\"/prod/web\",\"cmd\":\"serve $PORT0\",\"cpus\":0.5,\"mem\":64,"
                + "\"labels\":{\"a\":\"b\"},\"healthChecks\":[{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"true\"}}]}")
                .withVersion("v1", null);
        OfferResources res = new OfferResources(offer(8, 1000, 31000, 31010));
        List<Integer> ports = res.take(app);
        ObjectNode task = TaskInfos.build(app, "prod_web.1", res, ports);
        assertThat(task.path("name").asText()).isEqualTo("web.prod");
        assertThat(task.path("agent_id").path("value").asText()).isEqualTo("a1");
        assertThat(task.path("command").path("value").asText()).isEqualTo("serve $PORT0");
        assertThat(task.path("command").path("environment").toString()).contains("\"PORT0\"", "\"31000\"",
                "\"MARATHON_APP_ID\"", "\"/prod/web\"");
        assertThat(task.path("resources").findValuesAsText("name")).containsExactly("cpus", "mem", "ports");
        assertThat(task.path("resources").get(0).path("allocation_info").path("role").asText()).isEqualTo("*");
        assertThat(task.path("resources").get(2).path("ranges").path("range").get(0).path("begin").asInt()).isEqualTo(31000);
        assertThat(task.path("labels").path("labels").get(0).path("key").asText()).isEqualTo("a");
        assertThat(task.path("health_check").path("type").asText()).isEqualTo("COMMAND");
        assertThat(task.path("health_check").path("command").path("value").asText()).isEqualTo("true");
    }

    @Test
    void dockerAppsFitOnlyOffersOfAgentsWithDockerAndMapTheirHostPorts() throws Exception {
        AppDefinition app = AppModelTest.parse("""
                {"id":"/web","cpus":0.5,"mem":64,"args":["--port","80"],
                 "container":{"type":"DOCKER","docker":{"image":"web:1"},
                   "portMappings":[{"containerPort":80,"hostPort":0,"name":"http"},{"containerPort":9000,"hostPort":31005},
                                   {"containerPort":7000}]},
                 "networks":[{"mode":"container/bridge"}]}""").withVersion("v1", null);
        assertThat(new OfferResources(offer(8, 1000, 31000, 31010)).misfit(app)).hasValue("UnfulfilledConstraint");

        ObjectNode withDocker = (ObjectNode) offer(8, 1000, 31000, 31010);
        ((com.fasterxml.jackson.databind.node.ArrayNode) withDocker.path("attributes")).addObject()
                .put("name", "docker").put("type", "TEXT").putObject("text").put("value", "true");
        OfferResources res = new OfferResources(withDocker);
        assertThat(res.misfit(app)).isEmpty();
        List<Integer> ports = res.take(app);
        assertThat(ports).as("any port for hostPort 0, exactly 31005, none for a mapping without hostPort")
                .containsExactly(31000, 31005);

        ObjectNode task = TaskInfos.build(app, "web.1", res, ports);
        assertThat(task.path("container").path("docker").path("network").asText()).isEqualTo("BRIDGE");
        assertThat(task.path("container").path("docker").path("port_mappings").toString())
                .contains("\"host_port\":31000,\"container_port\":80", "\"host_port\":31005,\"container_port\":9000");
        assertThat(task.path("command").has("value")).as("arguments follow the image's entrypoint").isFalse();
        assertThat(task.path("command").path("arguments").toString()).isEqualTo("[\"--port\",\"80\"]");
        assertThat(task.path("command").path("environment").toString()).contains("\"PORT_80\"", "\"PORT_HTTP\"");
    }
}
