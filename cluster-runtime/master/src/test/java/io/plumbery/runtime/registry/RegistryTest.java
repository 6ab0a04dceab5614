package io.plumbery.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.AgentInfo;
import io.plumbery.runtime.protocol.Id;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.protocol.MasterInfo;
import io.plumbery.runtime.protocol.ResourceSpec;
import io.plumbery.runtime.protocol.TaskStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry's changes, as Mesos's registry operations make them, and its JSON. */
class RegistryTest {
    static final long DAY = Duration.ofDays(1).toNanos();

    static AdmittedAgent agent(String id) {
        AgentInfo info = new AgentInfo("host-" + id, 5051, ResourceSpec.parseResources("cpus:2;mem:1024").toProto(null),
                ResourceSpec.parseAttributes("rack:r1"), Id.of(id));
        return new AdmittedAgent(id, info, "10.0.0.1:5051");
    }

    static TaskStatus.TimeInfo at(long nanos) {
        return new TaskStatus.TimeInfo(nanos);
    }

    @Test
    void agentsMoveBetweenAdmittedUnreachableAndGone() {
        Registry r = Registry.EMPTY.admit(agent("a")).admit(agent("b")).admit(agent("c"));
        assertThat(r.agents()).extracting(AdmittedAgent::id).containsExactly("a", "b", "c");

        r = r.markUnreachable(List.of("a", "b"), at(5));
        assertThat(r.agents()).extracting(AdmittedAgent::id).containsExactly("c");
        assertThat(r.unreachable()).containsExactly(new Mark("a", at(5)), new Mark("b", at(5)));

        r = r.admit(agent("a"));
        assertThat(r.agents()).extracting(AdmittedAgent::id).containsExactly("c", "a");
        assertThat(r.unreachable()).extracting(Mark::id).containsExactly("b");

        r = r.markGone(new Mark("b", at(7))).markGone(new Mark("c", at(8)));
        assertThat(r.agents()).extracting(AdmittedAgent::id).containsExactly("a");
        assertThat(r.unreachable()).isEmpty();
        assertThat(r.gone()).extracting(Mark::id).containsExactly("b", "c");
    }

    @Test
    void admittingAgainReplacesTheAgentsInfo() {
        AdmittedAgent moved = new AdmittedAgent("a", agent("a").info(), "10.0.0.9:5051");
        Registry r = Registry.EMPTY.admit(agent("a")).admit(moved);
        assertThat(r.agents()).containsExactly(moved);
    }

    @Test
    void pruningKeepsTheNewestUnreachableAndGoneAgentsWithinAgeAndCount() {
        long now = 10 * DAY;
        Registry r = Registry.EMPTY
                .markUnreachable(List.of("old"), at(now - 3 * DAY))
                .markUnreachable(List.of("u1"), at(now - DAY))
                .markUnreachable(List.of("u2"), at(now - DAY / 2))
                .markUnreachable(List.of("u3"), at(now))
                .markGone(new Mark("g-old", at(now - 5 * DAY)))
                .markGone(new Mark("g1", at(now)));
        Registry pruned = r.pruned(Duration.ofDays(2), 2, now);
        assertThat(pruned.unreachable()).extracting(Mark::id).containsExactly("u2", "u3");
        assertThat(pruned.gone()).extracting(Mark::id).containsExactly("g1");
        assertThat(r.pruned(Duration.ofDays(30), 100, now)).isEqualTo(r);
    }

    @Test
    void sectionsAreOpaqueJsonKeptApart() {
        JsonNode quota = Json.parse("{\"infos\":[{\"role\":\"dev\",\"guarantee\":[]}]}");
        JsonNode weights = Json.parse("[{\"role\":\"dev\",\"weight\":2.0}]");
        Registry r = Registry.EMPTY.with(Section.QUOTA, quota).with(Section.WEIGHTS, weights);
        assertThat(r.section(Section.QUOTA)).contains(quota);
        assertThat(r.section(Section.WEIGHTS)).contains(weights);
        assertThat(r.section(Section.MAINTENANCE)).isEmpty();
        assertThat(r.with(Section.QUOTA, null).section(Section.QUOTA)).isEmpty();
    }

    @Test
    void itsJsonHasMesosNamesAndReadsBackEqual() {
        Registry r = Registry.EMPTY.withMaster(MasterInfo.of("m1", "127.0.0.1", "localhost", 5050, "1.11.0"))
                .admit(agent("a")).markUnreachable(List.of("b"), at(1)).markGone(new Mark("c", at(2)))
                .removeFramework(new Mark("fw", at(3))).with(Section.MAINTENANCE, Json.parse("{\"windows\":[]}"));
        JsonNode json = Json.MAPPER.valueToTree(r);
        assertThat(json.fieldNames()).toIterable().containsExactly("master", "agents", "unreachable", "gone",
                "removed_frameworks", "maintenance");
        assertThat(json.path("agents").get(0).path("info").path("hostname").asText()).isEqualTo("host-a");
        assertThat(json.path("unreachable").get(0).path("timestamp").path("nanoseconds").asLong()).isEqualTo(1);
        assertThat(Json.read(Json.write(r), Registry.class)).isEqualTo(r);
        assertThat(Json.read("{}", Registry.class)).isEqualTo(Registry.EMPTY);
    }
}
