package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static io.plumbery.runtime.it.OperatorCalls.answer;
import static io.plumbery.runtime.it.OperatorCalls.v1;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.protocol.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights and quota set through the operator API and seen by the allocator, against a real master and agent. */
class QuotaIT {

    private static ObjectNode inRole(String name, String role) {
        ObjectNode fi = SchedulerClient.frameworkInfo(name, null, 60, true);
        fi.putArray("roles").add(role);
        return fi;
    }

    @Test
    void aGuaranteeKeepsTheAgentForItsRoleUntilTheQuotaIsRemoved(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, inRole("dev-fw", "dev"));
             SchedulerClient prod = new SchedulerClient(c.endpoint())) {
            String ep = c.endpoint();
            SchedulerClient dev = c.scheduler();
            JsonNode first = dev.awaitOffer(10);

            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":"
                    + "[{\"role\":\"prod\",\"guarantees\":{\"cpus\":{\"value\":8}}}]}}")))
                    .startsWith("400 Invalid QuotaConfig: total quota guarantees 'cpus:8' exceed cluster capacity");
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"UPDATE_QUOTA\",\"update_quota\":{\"quota_configs\":"
                    + "[{\"role\":\"prod\",\"guarantees\":{\"cpus\":{\"value\":4}},\"limits\":{\"cpus\":{\"value\":4}}}]}}")))
                    .isEqualTo("200 ");
            dev.decline(first);
            int seen = dev.events.size();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> offersSince(dev, seen) == 0);

            prod.subscribe(ep, inRole("prod-fw", "prod"));
            JsonNode offer = prod.awaitOffer(10);
            assertThat(offer.path("resources").get(0).path("allocation_info").path("role").asText()).isEqualTo("prod");
            JsonNode role = roles(ep, "prod");
            assertThat(role.path("quota").path("guarantee").path("cpus").asDouble()).isEqualTo(4.0);
            assertThat(role.path("quota").path("consumed").path("cpus").asDouble()).isEqualTo(4.0);
            JsonNode quota = v1(ep, "{\"type\":\"GET_QUOTA\"}").path("get_quota").path("status");
            assertThat(quota.path("configs").get(0).path("guarantees").path("cpus").path("value").asDouble()).isEqualTo(4.0);

            assertThat(answer(delete(ep, "/master/quota/prod"))).isEqualTo("200 ");
            assertThat(answer(delete(ep, "/master/quota/prod")))
                    .isEqualTo("400 Failed to remove quota for path '/master/quota/prod': Role 'prod' has no quota set");
            prod.post(prod.call("SUPPRESS"));
            prod.decline(offer);
            dev.await(e -> dev.events.indexOf(e) >= seen && e.path("type").asText().equals("OFFERS"), 10);
        }
    }

    @Test
    void legacyQuotaAndWeightsRoundTrip(@TempDir Path dir) throws Exception {
        try (SingleAgentCluster c = SingleAgentCluster.start(dir, inRole("dev-fw", "dev"))) {
            String ep = c.endpoint();
            assertThat(answer(Cluster.post(ep, "/master/quota", "{\"role\":\"ops\",\"guarantee\":[{\"name\":\"cpus\","
                    + "\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}]}"))).isEqualTo("200 ");
            assertThat(answer(Cluster.post(ep, "/master/quota", "{\"role\":\"ops\",\"guarantee\":[]}")))
                    .isEqualTo("400 Failed to validate set quota request: Cannot set quota for role 'ops' which"
                            + " already has quota");
            JsonNode status = Json.parse(Cluster.get(ep, "/master/quota").body());
            assertThat(status.path("infos").get(0).path("role").asText()).isEqualTo("ops");
            assertThat(status.path("configs").get(0).path("limits").path("cpus").path("value").asDouble()).isEqualTo(1.0);

            HttpResponse<String> put = Cluster.HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ep + "/master/weights"))
                    .PUT(HttpRequest.BodyPublishers.ofString("[{\"role\":\"dev\",\"weight\":2.5}]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer(put)).isEqualTo("200 ");
            assertThat(Json.parse(Cluster.get(ep, "/master/weights").body()))
                    .isEqualTo(Json.parse("[{\"role\":\"dev\",\"weight\":2.5}]"));
            assertThat(answer(Cluster.post(ep, "/api/v1", "{\"type\":\"UPDATE_WEIGHTS\",\"update_weights\":{\"weight_infos\":"
                    + "[{\"role\":\"ops\",\"weight\":-1}]}}"))).isEqualTo("400 Failed to validate update weights request JSON for role 'ops': Invalid weight '-1':"
                            + " Weights must be positive");
            assertThat(v1(ep, "{\"type\":\"GET_WEIGHTS\"}").path("get_weights").path("weight_infos").get(0)
                    .path("weight").asDouble()).isEqualTo(2.5);
            assertThat(roles(ep, "dev").path("weight").asDouble()).isEqualTo(2.5);
            JsonNode v1Roles = v1(ep, "{\"type\":\"GET_ROLES\"}").path("get_roles").path("roles");
            assertThat(v1Roles).anySatisfy(r -> {
                assertThat(r.path("name").asText()).isEqualTo("dev");
                assertThat(r.path("weight").asDouble()).isEqualTo(2.5);
            });
        }
    }

    private static long offersSince(SchedulerClient s, int index) {
        return s.events.subList(index, s.events.size()).stream()
                .filter(e -> e.path("type").asText().equals("OFFERS")).count();
    }

    private static JsonNode roles(String ep, String name) throws Exception {
        for (JsonNode r : Json.parse(Cluster.get(ep, "/master/roles").body()).path("roles")) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no role " + name);
    }

    private static HttpResponse<String> delete(String ep, String path) throws Exception {
        return Cluster.HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ep + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
