package io.plumbery.runtime.marathon.core;

import static io.plumbery.runtime.marathon.core.SchedulerStateTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.state.MarathonStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskKillerTest {
    private final CoreThread core = new CoreThread();
    private final SchedulerState state = new SchedulerState(core);
    private final MarathonStore store = MarathonStore.inMemory();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final TaskKiller killer = new TaskKiller(state, store, sent::add);

    @AfterEach
    void stop() {
        core.close();
    }

    private void onCore(Runnable work) {
        SchedulerStateTest.onCore(core, work);
    }

    private List<String> killed() {
        return sent.stream().filter(c -> c.path("type").asText().equals("KILL"))
                .map(c -> c.path("kill").path("task_id").path("value").asText()).toList();
    }

    @Test
    void aTaskIsMarkedStoredAndKilledOnce() {
        MarathonTask t = task("a.1", "/a");
        onCore(() -> {
            state.putTask(t);
            killer.kill(t, "test");
            killer.kill(t, "again");
            killer.kill(task("gone.1", "/gone"), "unknown to the state");
            assertThat(state.task("a.1").killRequested()).isTrue();
        });
        assertThat(store.tasks()).singleElement().satisfies(s -> assertThat(s.killRequested()).isTrue());
        assertThat(killed()).containsExactly("a.1");
        assertThat(sent.get(0).path("kill").path("agent_id").path("value").asText()).isEqualTo("agent-1");
    }

    @Test
    void anUnansweredKillIsSentAgainUntilTheTaskEnds() {
        onCore(() -> {
            state.putTask(task("a.1", "/a"));
            killer.kill(state.task("a.1"), "test");
            long now = System.currentTimeMillis();
            killer.retryUnanswered(now);
            killer.retryUnanswered(now + 10_001);
            killer.forget("a.1");
            killer.retryUnanswered(now + 30_000);
        });
        assertThat(killed()).containsExactly("a.1", "a.1");
    }

    @Test
    void aWipedTaskIsKilledAndForgottenAtOnce() {
        onCore(() -> {
            state.putTask(task("a.1", "/a"));
            store.saveTask(state.task("a.1"));
            killer.wipe(state.task("a.1"));
            assertThat(state.task("a.1")).isNull();
            killer.retryUnanswered(System.currentTimeMillis() + 10_001);
        });
        assertThat(store.tasks()).isEmpty();
        assertThat(killed()).containsExactly("a.1");
    }
}
