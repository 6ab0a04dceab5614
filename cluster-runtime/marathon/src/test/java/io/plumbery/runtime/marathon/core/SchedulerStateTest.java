package io.plumbery.runtime.marathon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerStateTest {
    private final CoreThread core = new CoreThread();
    private final SchedulerState state = new SchedulerState(core);

    @AfterEach
    void stop() {
        core.close();
    }

    static AppDefinition app(String json) {
        try {
            return MarathonJson.MAPPER.readValue(json, AppDefinition.class).withDefaults();
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static MarathonTask task(String id, String appId) {
        return new MarathonTask(id, appId, "v1", "v1", "agent-1", "host-1", Map.of(), List.of(31000),
                MarathonTask.STAGING, "2024-01-01T00:00:00.000Z", null, 1, 0, false);
    }

    /** Runs the work on the core thread, assertions and all, and waits for it. */
    static void onCore(CoreThread core, Runnable work) {
        core.call(() -> {
            work.run();
            return null;
        });
    }

    private void onCore(Runnable work) {
        onCore(core, work);
    }

    @Test
    void onlyItsCoreThreadMayTouchIt() {
        AppDefinition a = app("{\"id\":\"/a\",\"cmd\":\"x\"}");
        assertThatThrownBy(() -> state.putApp(a)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(CoreThread.NAME);
        assertThatThrownBy(() -> state.tasks()).isInstanceOf(AssertionError.class);
        try (CoreThread another = new CoreThread()) {
            // another scheduler's core thread (same name, in the same JVM) is not this one's
            assertThatThrownBy(() -> another.call(() -> state.hasApp(a.pathId())))
                    .hasRootCauseInstanceOf(AssertionError.class);
        }
        onCore(() -> state.putApp(a));
        assertThat(core.call(() -> state.app(a.pathId()))).isEqualTo(a);
    }

    @Test
    void appsComeByIdAndTasksInLaunchOrder() {
        onCore(() -> {
            state.putApp(app("{\"id\":\"/b\",\"cmd\":\"x\"}"));
            state.putApp(app("{\"id\":\"/a\",\"cmd\":\"x\"}"));
            state.putTask(task("b.2", "/b"));
            state.putTask(task("a.1", "/a"));
            state.putTask(task("b.1", "/b"));
            state.putTask(task("b.2", "/b").killing()); // a new state keeps the task's place

            assertThat(state.apps()).extracting(AppDefinition::id).containsExactly("/a", "/b");
            assertThat(state.tasks()).extracting(MarathonTask::id).containsExactly("b.2", "a.1", "b.1");
            assertThat(state.tasksOf("/b")).extracting(MarathonTask::id).containsExactly("b.2", "b.1");
            assertThat(state.task("b.2").killRequested()).isTrue();
            assertThat(state.appOf(state.task("a.1")).id()).isEqualTo("/a");

            state.removeTask("b.2");
            assertThat(state.task("b.2")).isNull();
            assertThat(state.tasksOf("/b")).extracting(MarathonTask::id).containsExactly("b.1");
        });
    }

    @Test
    void whatItAnswersIsReadOnly() {
        onCore(() -> {
            state.putApp(app("{\"id\":\"/a\",\"cmd\":\"x\"}"));
            assertThatThrownBy(() -> state.apps().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.tasks().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.deployments().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.lastFailures().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> state.tasksOf("/a").add(task("a.1", "/a")))
                    .isInstanceOf(UnsupportedOperationException.class);
        });
    }

    @Test
    void deploymentsStayInTheOrderTheyStarted() {
        AppDefinition a = app("{\"id\":\"/a\",\"cmd\":\"x\"}");
        Deployment second = Deployment.single("d2", "v2", Deployment.START, null, a);
        onCore(() -> {
            state.putDeployment(Deployment.single("d1", "v1", Deployment.STOP, a, null));
            state.putDeployment(second);
            state.putDeployment(state.deployment("d1").atStep(1));
            assertThat(state.deployments()).extracting(Deployment::id).containsExactly("d1", "d2");
            state.removeDeployment("d1");
            assertThat(state.deployments()).containsExactly(second);
            assertThat(state.deployment("d1")).isNull();
        });
    }

    @Test
    void aFailureBacksTheAppOffAndIsItsLastTaskFailure() {
        AppDefinition a = app("{\"id\":\"/a\",\"cmd\":\"x\",\"backoffSeconds\":2,\"backoffFactor\":3}");
        ObjectNode failure = MarathonJson.object().put("taskId", "a.1");
        onCore(() -> {
            state.putApp(a);
            state.needLaunches(a.pathId(), 2);
            assertThat(state.launchesWanted(1_000)).isEqualTo(2);

            state.recordFailure(a, failure, 1_000);
            assertThat(state.lastFailures()).containsEntry(a.pathId(), failure);
            assertThat(state.launchOverdue(a.pathId(), 2_999)).isFalse();
            assertThat(state.launchesWanted(2_999)).isZero();
            assertThat(state.launchesWanted(3_000)).isEqualTo(2);

            state.recordFailure(a, failure, 3_000);
            assertThat(state.delay(a.pathId()).currentSeconds()).isEqualTo(6.0);
            state.resetDelay(a.pathId());
            assertThat(state.launchOverdue(a.pathId(), 3_000)).isTrue();
        });
    }

    @Test
    void launchesWantedAddUpTheAppsThatMayLaunch() {
        AppDefinition a = app("{\"id\":\"/a\",\"cmd\":\"x\"}");
        AppDefinition b = app("{\"id\":\"/b\",\"cmd\":\"x\",\"backoffSeconds\":10}");
        onCore(() -> {
            state.needLaunches(a.pathId(), 3);
            state.needLaunches(b.pathId(), 4);
            state.needLaunches(PathId.parse("/c"), 0);
            assertThat(state.launchesWanted(0)).isEqualTo(7);
            state.recordFailure(b, MarathonJson.object(), 0);
            assertThat(state.launchesWanted(0)).isEqualTo(3);
            assertThat(state.launchesNeeded(b.pathId())).isEqualTo(4);
            assertThat(state.launchesNeeded(PathId.parse("/unknown"))).isZero();
        });
    }

    @Test
    void offerStatisticsStartAgainWhenTheAppQueuesAgain() {
        PathId a = PathId.parse("/a");
        onCore(() -> {
            assertThat(state.queueStats(a)).isNull();
            QueueStats stats = state.queueStatsToCount(a);
            stats.processed++;
            assertThat(state.queueStatsToCount(a)).isSameAs(stats);
            assertThat(state.queueStats(a).processed).isEqualTo(1);
            state.leftQueue(a);
            assertThat(state.queueStats(a)).isNull();
            assertThat(state.queueStatsToCount(a)).isNotSameAs(stats);
        });
    }

    @Test
    void removingAnAppTakesItsQueueAlongButNotItsLastFailure() {
        AppDefinition a = app("{\"id\":\"/a\",\"cmd\":\"x\",\"backoffSeconds\":60}");
        onCore(() -> {
            state.putApp(a);
            state.needLaunches(a.pathId(), 1);
            state.queueStatsToCount(a.pathId());
            state.recordFailure(a, MarathonJson.object().put("taskId", "a.1"), 0);
            state.putTask(task("a.2", "/a"));

            assertThat(state.removeApp(a.pathId())).isTrue();
            assertThat(state.hasApp(a.pathId())).isFalse();
            assertThat(state.app(a.pathId())).isNull();
            assertThat(state.launchesNeeded(a.pathId())).isZero();
            assertThat(state.queueStats(a.pathId())).isNull();
            assertThat(state.launchOverdue(a.pathId(), 0)).isTrue();
            assertThat(state.lastFailures()).containsKey(a.pathId());
            assertThat(state.tasksOf("/a")).hasSize(1); // the planning loop kills them
            assertThat(state.removeApp(a.pathId())).isFalse();
        });
    }
}
