package io.plumbery.runtime.marathon.core;

import static io.plumbery.runtime.marathon.core.SchedulerStateTest.app;
import static io.plumbery.runtime.marathon.core.SchedulerStateTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.state.MarathonStore;
import io.plumbery.runtime.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The offer matcher through what it is given: the state, a store, and the calls it sends to the master. */
class OfferMatcherTest {
    private final CoreThread core = new CoreThread();
    private final SchedulerState state = new SchedulerState(core);
    private final MarathonStore store = MarathonStore.inMemory();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final OfferMatcher matcher = new OfferMatcher(state, store, new EventBus(), sent::add, 7);

    @AfterEach
    void stop() {
        core.close();
    }

    static JsonNode offers(String id, String host, double cpus, double mem) {
        ArrayNode offers = Json.MAPPER.createArrayNode();
        ObjectNode o = offers.addObject();
        o.putObject("id").put("value", id);
        o.putObject("agent_id").put("value", "agent-" + host);
        o.put("hostname", host);
        ArrayNode res = o.putArray("resources");
        res.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", cpus);
        res.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", mem);
        ObjectNode ports = res.addObject().put("name", "ports").put("type", "RANGES");
        ports.putObject("ranges").putArray("range").addObject().put("begin", 31000).put("end", 31010);
        return offers;
    }

    private void queue(AppDefinition app, int launches) {
        state.putApp(app);
        state.needLaunches(app.pathId(), launches);
    }

    private void onCore(Runnable work) {
        SchedulerStateTest.onCore(core, work);
    }

    private void match(JsonNode offers) {
        onCore(() -> matcher.match(offers));
    }

    private static AppDefinition versioned(String json) {
        return app(json).withVersion("2024-01-01T00:00:00.000Z", null);
    }

    @Test
    void whatFitsIsLaunchedInOneAcceptAndRecorded() {
        AppDefinition web = versioned("{\"id\":\"/web\",\"cmd\":\"x\",\"cpus\":1,\"mem\":64,\"instances\":3}");
        onCore(() -> {
            queue(web, 3);
        });

        match(offers("o1", "h1", 2.5, 1000));

        assertThat(sent).hasSize(1);
        ObjectNode accept = sent.get(0);
        assertThat(accept.path("type").asText()).isEqualTo("ACCEPT");
        assertThat(accept.path("accept").path("offer_ids").get(0).path("value").asText()).isEqualTo("o1");
        JsonNode infos = accept.path("accept").path("operations").get(0).path("launch").path("task_infos");
        assertThat(infos).hasSize(2);
        onCore(() -> {
            assertThat(state.tasksOf("/web")).hasSize(2).allSatisfy(t -> {
                assertThat(t.state()).isEqualTo(MarathonTask.STAGING);
                assertThat(t.host()).isEqualTo("h1");
            });
            assertThat(state.tasksOf("/web")).extracting(MarathonTask::id)
                    .containsExactly(infos.get(0).path("task_id").path("value").asText(),
                            infos.get(1).path("task_id").path("value").asText());
            assertThat(state.launchesNeeded(web.pathId())).isEqualTo(1);
            assertThat(state.queueStats(web.pathId()).processed).isEqualTo(1);
            assertThat(state.queueStats(web.pathId()).lastUsedAt).isNotNull();
        });
        assertThat(store.tasks()).extracting(MarathonTask::id).hasSize(2);
    }

    @Test
    void anOfferNothingFitsIsDeclinedAndTheReasonCounted() {
        AppDefinition big = versioned("{\"id\":\"/big\",\"cmd\":\"x\",\"cpus\":4,\"mem\":64}");
        AppDefinition one = versioned("{\"id\":\"/one\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16,"
                + "\"constraints\":[[\"hostname\",\"UNIQUE\"]]}");
        onCore(() -> {
            queue(big, 1);
            queue(one, 1);
            state.putTask(task("one.1", "/one")); // on host-1
        });

        match(offers("o2", "host-1", 2, 1000));

        assertThat(sent).singleElement().satisfies(decline -> {
            assertThat(decline.path("type").asText()).isEqualTo("DECLINE");
            assertThat(decline.path("decline").path("offer_ids").get(0).path("value").asText()).isEqualTo("o2");
            assertThat(decline.path("decline").path("filters").path("refuse_seconds").asDouble()).isEqualTo(7.0);
        });
        onCore(() -> {
            QueueStats bigStats = state.queueStats(big.pathId());
            assertThat(bigStats.unused).isEqualTo(1);
            assertThat(bigStats.reasons).containsEntry("InsufficientCpus", 1);
            assertThat(bigStats.lastUnused).singleElement()
                    .satisfies(u -> assertThat(u.path("offer").path("id").asText()).isEqualTo("o2"));
            assertThat(state.queueStats(one.pathId()).reasons).containsEntry("UnfulfilledConstraint", 1);
            assertThat(state.launchesNeeded(big.pathId())).isEqualTo(1);
            assertThat(state.tasks()).hasSize(1);
        });
        assertThat(store.tasks()).isEmpty();
    }

    @Test
    void anAppBackingOffIsNotOffered() {
        AppDefinition slow = versioned("{\"id\":\"/slow\",\"cmd\":\"x\",\"cpus\":0.1,\"mem\":16,\"backoffSeconds\":60}");
        onCore(() -> {
            queue(slow, 1);
            state.recordFailure(slow, MarathonJson.object(), System.currentTimeMillis());
        });

        match(offers("o3", "h1", 2, 1000));

        assertThat(sent).singleElement().satisfies(c -> assertThat(c.path("type").asText()).isEqualTo("DECLINE"));
        onCore(() -> {
            assertThat(state.queueStats(slow.pathId())).isNull();
            assertThat(state.launchesNeeded(slow.pathId())).isEqualTo(1);
        });
    }
}
