package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.marathon.mesos.OfferResources;
import io.plumbery.runtime.marathon.mesos.TaskInfos;
import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Apps of the Mesos containerizer with a Docker image, as Marathon sends their tasks. */
class MesosImageTaskInfosTest {
    private static JsonNode build(String app) throws Exception {
        AppDefinition parsed = AppModelTest.parse(app);
        OfferResources offer = new OfferResources(OfferMatchingTest.offer(2, 1000, 31000, 31004));
        assertThat(offer.misfit(parsed)).as("no Docker engine needed").isEmpty();
        return TaskInfos.build(parsed, "t1", offer, offer.take(parsed));
    }

    @Test
    void theImageIsTheMesosContainersAndTheCommandStaysAShell() throws Exception {
        JsonNode task = build("""
                {"id":"/web","cmd":"exec httpd -p $PORT0","cpus":0.1,"mem":32,"ports":[0],
                 "container":{"type":"MESOS","docker":{"image":"registry.mesos:5000/hello:1"}}}""");

        assertThat(task.path("container").toString()).isEqualTo("{\"type\":\"MESOS\",\"mesos\":{\"image\":"
                + "{\"type\":\"DOCKER\",\"cached\":true,\"docker\":{\"name\":\"registry.mesos:5000/hello:1\"}}}}");
        assertThat(task.path("command").path("shell").asBoolean()).isTrue();
        assertThat(task.path("command").path("value").asText()).isEqualTo("exec httpd -p $PORT0");
    }

    @Test
    void argsFollowTheImagesEntrypointAndAForcedPullIsNotCached() throws Exception {
        JsonNode task = build("""
                {"id":"/echo","args":["echo","hi"],"cpus":0.1,"mem":32,
                 "container":{"type":"MESOS","docker":{"image":"hello:1","forcePullImage":true}}}""");

        assertThat(task.path("command").path("shell").asBoolean()).isFalse();
        assertThat(task.path("command").has("value")).isFalse();
        assertThat(task.path("command").path("arguments")).extracting(JsonNode::asText)
                .isEqualTo(List.of("echo", "hi"));
        assertThat(task.path("container").path("mesos").path("image").path("cached").asBoolean()).isFalse();
    }
}
