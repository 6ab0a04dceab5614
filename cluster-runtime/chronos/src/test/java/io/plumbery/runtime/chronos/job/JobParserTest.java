package io.plumbery.runtime.chronos.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobParserTest {
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    final JobParser parser = new JobParser(new JobDefaults(0.1, 128, 256, "nobody", 60));

    @Test
    void fillsChronosDefaults() {
        Job job = parser.scheduled("{\"name\":\"hello\",\"command\":\"echo hi\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\"}", NOW);
        JsonNode view = job.view();
        assertThat(view.path("retries").asInt()).isEqualTo(2);
        assertThat(view.path("cpus").asDouble()).isEqualTo(0.1);
        assertThat(view.path("mem").asDouble()).isEqualTo(128);
        assertThat(view.path("disk").asDouble()).isEqualTo(256);
        assertThat(view.path("runAsUser").asText()).isEqualTo("nobody");
        assertThat(view.path("epsilon").asText()).isEqualTo("PT60S");
        assertThat(view.path("shell").asBoolean()).isTrue();
        assertThat(view.path("concurrent").asBoolean()).isFalse();
        assertThat(view.path("scheduleTimeZone").asText()).isEmpty();
        assertThat(view.has("parents")).isFalse();
        assertThat(view.has("skipCount")).isFalse();
        assertThat(job.epsilon()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void keepsWhatIsGiven() {
        Job job = parser.scheduled("{\"name\":\"a.b-c_1\",\"command\":\"x\",\"schedule\":\"R3/2026-12-03T10:00:00Z/PT2S\","
                + "\"epsilon\":\"PT30S\",\"retries\":0,\"cpus\":0.5,\"mem\":64,\"concurrent\":true,\"async\":true,"
                + "\"owner\":\"ops@example.com\",\"environmentVariables\":[{\"name\":\"A\",\"value\":\"1\"}],"
                + "\"constraints\":[[\"rack\",\"EQUALS\",\"r1\"],[\"rack\",\"CLUSTER\",\"r1\"]]}", NOW);
        assertThat(job.epsilon()).isEqualTo(Duration.ofSeconds(30));
        assertThat(job.retries()).isZero();
        assertThat(job.cpus()).isEqualTo(0.5);
        assertThat(job.concurrent()).isTrue();
        assertThat(job.async()).isTrue();
        assertThat(job.environment()).containsEntry("A", "1");
        assertThat(job.constraints()).hasSize(1);
    }

    @Test
    void aJobWithoutScheduleRunsOnceNow() {
        Job job = parser.scheduled("{\"name\":\"once\",\"command\":\"x\"}", NOW);
        assertThat(job.schedule()).isEqualTo("R1/2026-12-03T10:00:00Z/PT24H");
    }

    @Test
    void refusesWithChronosWords() {
        assertRefused("{\"name\":\"bad name!\",\"command\":\"x\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\"}",
                "requirement failed: the job's name is invalid. Allowed names: '([\\w\\.-]+)'");
        assertRefused("{\"name\":\"j\",\"command\":\"x\",\"schedule\":\"every minute\"}",
                "Cannot parse schedule 'every minute' (wtf bro)");
        assertRefused("{\"name\":\"j\",\"command\":\"x\",\"schedule\":\"R/1969-12-31T00:00:00Z/PT1M\"}",
                "Scheduled start date '1969-12-31T00:00:00.000Z' is before 1970!");
        assertRefused("{\"name\":\"j\",\"command\":\"x\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\","
                + "\"uris\":[\"http://a\"],\"fetch\":[{\"uri\":\"http://b\"}]}",
                "Tried to add both uri (deprecated) and fetch parameters on j");
    }

    private void assertRefused(String body, String message) {
        assertThatThrownBy(() -> parser.scheduled(body, NOW)).isInstanceOfSatisfying(ChronosException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.body()).isEqualTo("{\"status\":\"Bad Request\",\"message\":"
                    + io.plumbery.runtime.protocol.Json.write(message) + "}");
        });
    }

    @Test
    void aDependentJobNeedsParents() {
        Job job = parser.dependent("{\"name\":\"child\",\"command\":\"x\",\"parents\":[\"a\",\"b\"]}");
        assertThat(job.parents()).containsExactly("a", "b");
        assertThat(job.scheduled()).isFalse();
        assertThatThrownBy(() -> parser.dependent("{\"name\":\"child\",\"command\":\"x\",\"parents\":[]}"))
                .isInstanceOfSatisfying(ChronosException.class, e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void taskIdsRoundTrip() {
        TaskId id = new TaskId(NOW, 2, "job.1", "-v");
        assertThat(id.value()).isEqualTo("ct:" + NOW.toEpochMilli() + ":2:job.1:-v");
        assertThat(TaskId.parse(id.value())).contains(id);
        assertThat(TaskId.parse("marathon-task")).isEmpty();
    }
}
