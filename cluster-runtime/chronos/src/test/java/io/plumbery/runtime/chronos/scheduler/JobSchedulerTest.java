package io.plumbery.runtime.chronos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.chronos.job.JobDefaults;
import io.plumbery.runtime.chronos.job.JobParser;
import io.plumbery.runtime.chronos.job.TaskId;
import io.plumbery.runtime.chronos.state.JobStore;
import io.plumbery.runtime.protocol.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scheduler's rules on a clock the test moves: slots, epsilon, retries, one run at a time, dependencies. */
class JobSchedulerTest {
    static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    static final Duration RETRY = Duration.ofSeconds(10);

    final MovingClock clock = new MovingClock(START);
    final JobStore store = JobStore.inMemory();
    final RecordingFramework master = new RecordingFramework();
    final JobScheduler scheduler = new JobScheduler(store, master, clock, RETRY);
    final JobParser parser = new JobParser(new JobDefaults(0.1, 32, 0, "", 60));
    final AtomicInteger offers = new AtomicInteger();

    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private void post(String json) {
        scheduler.put(parser.scheduled(json, clock.instant()));
    }

    private void offer() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ObjectNode o = list.addObject();
        o.putObject("id").put("value", "o" + offers.incrementAndGet());
        o.putObject("agent_id").put("value", "a1");
        o.put("hostname", "agent1");
        ArrayNode res = o.putArray("resources");
        res.addObject().put("name", "cpus").put("type", "SCALAR").putObject("scalar").put("value", 4);
        res.addObject().put("name", "mem").put("type", "SCALAR").putObject("scalar").put("value", 4096);
        o.putArray("attributes").addObject().put("name", "rack").put("type", "TEXT").putObject("text").put("value", "r1");
        scheduler.offers(list);
    }

    private void status(String taskId, String state) {
        ObjectNode s = Json.object().put("state", state);
        s.putObject("task_id").put("value", taskId);
        s.putObject("agent_id").put("value", "a1");
        scheduler.update(s);
    }

    private Job job(String name) {
        return scheduler.job(name).orElseThrow();
    }

    @Test
    void aDueSlotIsStoredAdvancedBeforeItsRunIsQueued() {
        post("{\"name\":\"tick\",\"command\":\"true\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT2S\"}");
        scheduler.tick();
        assertThat(scheduler.queued()).extracting(r -> r.taskId().due()).containsExactly(START);
        assertThat(store.jobs().get(0).schedule()).isEqualTo("R/2026-12-03T10:00:02.000Z/PT2S");

        offer();
        assertThat(master.launchedIds()).containsExactly("ct:" + START.toEpochMilli() + ":0:tick:");
        ObjectNode task = master.launched.get(0);
        assertThat(task.path("name").asText()).isEqualTo("ChronosTask:tick");
        assertThat(task.path("command").path("environment").toString()).contains("mesos_task_id", "CHRONOS_JOB_NAME");

        status(master.launchedIds().get(0), "TASK_RUNNING");
        clock.advance(Duration.ofSeconds(1));
        status(master.launchedIds().get(0), "TASK_FINISHED");
        assertThat(job("tick").successCount()).isEqualTo(1);
        assertThat(job("tick").lastSuccess()).isEqualTo(START.plusSeconds(1).toString());
        assertThat(scheduler.stats("tick").path("histogram").path("count").asInt()).isEqualTo(1);
        assertThat(scheduler.stats("tick").path("taskStatHistory").get(0).path("status").asText()).isEqualTo("Success");
    }

    @Test
    void aNewSchedulerOnTheSameStoreDoesNotRunASlotAgain() {
        post("{\"name\":\"tick\",\"command\":\"true\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT2S\"}");
        scheduler.tick();
        JobScheduler successor = new JobScheduler(store, master, clock, RETRY);
        successor.load();
        successor.tick();
        assertThat(successor.queued()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        successor.tick();
        assertThat(successor.queued()).extracting(r -> r.taskId().due()).containsExactly(START.plusSeconds(2));
    }

    @Test
    void epsilonDecidesBetweenLateAndSkipped() {
        post("{\"name\":\"late\",\"command\":\"true\",\"epsilon\":\"PT5S\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\"}");
        clock.advance(Duration.ofSeconds(4));
        scheduler.tick();
        assertThat(scheduler.queued()).extracting(r -> r.taskId().due()).containsExactly(START);

        // no offer within the run's epsilon: the queued run is skipped and counted
        clock.advance(Duration.ofSeconds(2));
        scheduler.tick();
        assertThat(scheduler.queued()).isEmpty();
        assertThat(job("late").skipCount()).isEqualTo(1);
        assertThat(scheduler.stats("late").path("skipCount").asLong()).isEqualTo(1);

        // a slot already older than epsilon when it is planned (no tick for a while: no leader) is never queued
        post("{\"name\":\"missed\",\"command\":\"true\",\"epsilon\":\"PT5S\",\"schedule\":\"R/2026-12-03T10:00:10Z/PT1M\"}");
        clock.advance(Duration.ofSeconds(20));
        scheduler.tick();
        assertThat(scheduler.queued()).isEmpty();
        assertThat(job("missed").skipCount()).isEqualTo(1);
        assertThat(job("missed").schedule()).isEqualTo("R/2026-12-03T10:01:10.000Z/PT1M");
    }

    @Test
    void aFailedRunIsRetriedThenCountedAsOneError() {
        post("{\"name\":\"flaky\",\"command\":\"false\",\"retries\":2,\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.tick();
        for (int attempt = 0; attempt <= 2; attempt++) {
            offer();
            String id = master.launchedIds().get(attempt);
            assertThat(TaskId.parse(id).orElseThrow().attempt()).isEqualTo(attempt);
            status(id, "TASK_FAILED");
            if (attempt < 2) {
                assertThat(job("flaky").errorCount()).isZero();
                offer();
                assertThat(master.launched).as("a retry waits --failure_retry").hasSize(attempt + 1);
                clock.advance(RETRY);
            }
        }
        assertThat(scheduler.queued()).isEmpty();
        assertThat(job("flaky").errorCount()).isEqualTo(1);
        assertThat(job("flaky").errorsSinceLastSuccess()).isEqualTo(1);
        assertThat(job("flaky").lastError()).isNotEmpty();
    }

    @Test
    void aJobAlreadyFailingIsNotRetried() {
        post("{\"name\":\"broken\",\"command\":\"false\",\"lastError\":\"2026-12-01T00:00:00Z\","
                + "\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.tick();
        offer();
        status(master.launchedIds().get(0), "TASK_FAILED");
        assertThat(scheduler.queued()).isEmpty();
        assertThat(job("broken").errorCount()).isEqualTo(1);
    }

    @Test
    void oneRunOfAJobAtATimeUnlessConcurrent() {
        post("{\"name\":\"slow\",\"command\":\"sleep 5\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1S\"}");
        post("{\"name\":\"wide\",\"command\":\"sleep 5\",\"concurrent\":true,\"schedule\":\"R/2026-12-03T10:00:00Z/PT1S\"}");
        scheduler.tick();
        offer();
        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        offer();
        assertThat(master.launchedIds()).filteredOn(id -> id.contains(":slow:")).hasSize(1);
        assertThat(master.launchedIds()).filteredOn(id -> id.contains(":wide:")).hasSize(2);
        // the waiting slot starts when the first run ends, still within epsilon
        status(master.launchedIds().get(0), "TASK_FINISHED");
        offer();
        assertThat(master.launchedIds()).filteredOn(id -> id.contains(":slow:")).hasSize(2);
    }

    @Test
    void aDependentJobRunsWhenAllItsParentsHaveSucceeded() {
        post("{\"name\":\"a\",\"command\":\"true\",\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        post("{\"name\":\"b\",\"command\":\"true\",\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"true\",\"parents\":[\"a\",\"b\"]}"));
        scheduler.tick();
        offer();
        String a = master.launchedIds().stream().filter(id -> id.contains(":a:")).findFirst().orElseThrow();
        String b = master.launchedIds().stream().filter(id -> id.contains(":b:")).findFirst().orElseThrow();
        status(a, "TASK_FINISHED");
        assertThat(scheduler.queued()).isEmpty();
        status(b, "TASK_FINISHED");
        assertThat(scheduler.queued()).extracting(PendingRun::jobName).containsExactly("c");
        assertThat(scheduler.dot()).isEqualTo("digraph G {\n  1 [ label=\"a\" ];\n  2 [ label=\"b\" ];\n"
                + "  3 [ label=\"c\" ];\n  1 -> 3;\n  2 -> 3;\n}\n");
    }

    @Test
    void dependentJobsNeedKnownParentsAndNoCycle() {
        post("{\"name\":\"a\",\"command\":\"true\",\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        assertThatThrownBy(() -> scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"x\",\"parents\":[\"zz\"]}")))
                .isInstanceOfSatisfying(ChronosException.class, e -> assertThat(e.body())
                        .isEqualTo("requirement failed: JobSchedule c does not have all parents defined!"));
        scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"x\",\"parents\":[\"a\"]}"));
        scheduler.put(parser.dependent("{\"name\":\"d\",\"command\":\"x\",\"parents\":[\"c\"]}"));
        assertThatThrownBy(() -> scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"x\",\"parents\":[\"d\"]}")))
                .isInstanceOf(ChronosException.class);
    }

    @Test
    void deletingAParentHandsItsScheduleToItsOnlyChild() {
        post("{\"name\":\"a\",\"command\":\"true\",\"schedule\":\"R/2026-12-03T11:00:00Z/PT1H\"}");
        scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"x\",\"parents\":[\"a\"]}"));
        scheduler.delete("a");
        assertThat(scheduler.job("a")).isEmpty();
        assertThat(job("c").schedule()).isEqualTo("R/2026-12-03T11:00:00Z/PT1H");
        assertThat(job("c").parents()).isEmpty();
        assertThat(store.jobs()).extracting(Job::name).containsExactly("c");
    }

    @Test
    void runNowKillAndDelete() {
        post("{\"name\":\"later\",\"command\":\"sleep 100\",\"schedule\":\"R/2026-12-04T10:00:00Z/P1D\"}");
        scheduler.runNow("later", null);
        offer();
        String id = master.launchedIds().get(0);
        status(id, "TASK_RUNNING");
        scheduler.killTasks("later");
        assertThat(master.killed).containsExactly(id);
        status(id, "TASK_KILLED");
        assertThat(job("later").errorCount()).isZero();
        scheduler.delete("later");
        assertThat(scheduler.jobs()).isEmpty();
        assertThatThrownBy(() -> scheduler.runNow("later", null)).isInstanceOfSatisfying(ChronosException.class,
                e -> assertThat(e.body()).isEqualTo("Job 'later' not found"));
    }

    @Test
    void anAsyncJobCountsWhenItReports() {
        post("{\"name\":\"bg\",\"command\":\"true\",\"async\":true,\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.tick();
        offer();
        String id = master.launchedIds().get(0);
        status(id, "TASK_FINISHED");
        assertThat(job("bg").successCount()).isZero();
        scheduler.asyncFinished(id, 0);
        assertThat(job("bg").successCount()).isEqualTo(1);
        // R1 done: the job disables itself, as Chronos does
        assertThat(job("bg").disabled()).isTrue();
    }

    @Test
    void constraintsAndResourcesChooseTheOffer() {
        post("{\"name\":\"elsewhere\",\"command\":\"true\",\"constraints\":[[\"rack\",\"EQUALS\",\"r2\"]],"
                + "\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        post("{\"name\":\"big\",\"command\":\"true\",\"mem\":100000,\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        post("{\"name\":\"here\",\"command\":\"true\",\"constraints\":[[\"hostname\",\"LIKE\",\"agent[0-9]\"]],"
                + "\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.tick();
        offer();
        assertThat(master.launchedIds()).hasSize(1).allMatch(id -> id.contains(":here:"));
        JsonNode view = job("here").view();
        assertThat(view.path("constraints").get(0).get(1).asText()).isEqualTo("LIKE");
    }

    @Test
    void tasksSilentSinceTheirLaunchAreAskedAboutAndLostOnesRetried() {
        post("{\"name\":\"quiet\",\"command\":\"true\",\"schedule\":\"R1/2026-12-03T10:00:00Z/PT1H\"}");
        scheduler.reconcile();
        scheduler.tick();
        offer();
        String id = master.launchedIds().get(0);
        clock.advance(JobScheduler.RECONCILE_EVERY.plusSeconds(1));
        scheduler.tick();
        assertThat(master.reconciled).containsExactly(java.util.Map.of(), java.util.Map.of(id, "a1"));
        // the master does not know it: TASK_LOST, and the run is tried again
        status(id, "TASK_LOST");
        assertThat(scheduler.queued()).extracting(r -> r.taskId().attempt()).containsExactly(1);
    }

    @Test
    void markingASuccessCountsItAndRunsTheDependents() {
        post("{\"name\":\"a\",\"command\":\"true\",\"schedule\":\"R/2026-12-04T10:00:00Z/P1D\"}");
        scheduler.put(parser.dependent("{\"name\":\"c\",\"command\":\"true\",\"parents\":[\"a\"]}"));
        assertThat(scheduler.markSuccess("a")).isTrue();
        assertThat(scheduler.markSuccess("nobody")).isFalse();
        assertThat(job("a").successCount()).isEqualTo(1);
        assertThat(scheduler.stats("a").path("histogram").path("count").asInt()).isZero();
        assertThat(scheduler.queued()).extracting(PendingRun::jobName).containsExactly("c");
    }

    @Test
    void slotsBeforeAJobIsPostedAreNotCountedAsSkipped() {
        clock.advance(Duration.ofHours(1).plusSeconds(10));
        post("{\"name\":\"old\",\"command\":\"true\",\"epsilon\":\"PT30S\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\"}");
        assertThat(job("old").skipCount()).isZero();
        assertThat(job("old").schedule()).isEqualTo("R/2026-12-03T11:00:00.000Z/PT1M");
        scheduler.tick();
        assertThat(scheduler.queued()).extracting(r -> r.taskId().due()).containsExactly(START.plusSeconds(3600));
        assertThat(job("old").skipCount()).isZero();
    }

    @Test
    void anUpdateSentAgainIsNotCountedTwiceNotEvenByANewLeader() {
        post("{\"name\":\"once\",\"command\":\"true\",\"schedule\":\"R/2026-12-03T10:00:00Z/PT1M\"}");
        scheduler.tick();
        offer();
        String id = master.launchedIds().get(0);
        status(id, "TASK_FINISHED");
        status(id, "TASK_FINISHED");
        assertThat(job("once").successCount()).isEqualTo(1);

        JobScheduler successor = new JobScheduler(store, master, clock, RETRY);
        successor.load();
        ObjectNode again = Json.object().put("state", "TASK_FINISHED");
        again.putObject("task_id").put("value", id);
        successor.update(again);
        assertThat(successor.job("once").orElseThrow().successCount()).isEqualTo(1);
        assertThat(successor.job("once").orElseThrow().view().has("countedTaskIds")).isFalse();
    }
}
