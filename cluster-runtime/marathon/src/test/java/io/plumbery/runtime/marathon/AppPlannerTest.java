package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.core.AppPlanner;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.model.AppDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPlannerTest {

    static AppDefinition app(int instances, double minHealth, double maxOver, String config) throws Exception {
        return AppModelTest.parse("{\"id\":\"/a\",\"cmd\":\"x\",\"instances\":" + instances
                        + ",\"upgradeStrategy\":{\"minimumHealthCapacity\":" + minHealth + ",\"maximumOverCapacity\":"
                        + maxOver + "}}")
                .withVersion(config, new AppDefinition.VersionInfo(config, config));
    }

    static MarathonTask task(String id, String config, long staged) {
        return new MarathonTask(id, "/a", config, config, "agent", "h", Map.of(), List.of(), MarathonTask.RUNNING,
                "", "", staged, staged, false);
    }

    @Test
    void scalesUpAndDownWithKillSelection() throws Exception {
        List<MarathonTask> tasks = List.of(task("t1", "v1", 1), task("t2", "v1", 2), task("t3", "v1", 3));
        assertThat(AppPlanner.plan(app(5, 1, 1, "v1"), tasks, t -> true).launch()).isEqualTo(2);
        AppPlanner.Plan down = AppPlanner.plan(app(1, 1, 1, "v1"), tasks, t -> true);
        assertThat(down.kill()).extracting(MarathonTask::id).containsExactlyInAnyOrder("t3", "t2");
        AppPlanner.Plan same = AppPlanner.plan(app(3, 1, 1, "v1"), tasks, t -> true);
        assertThat(same.complete()).isTrue();
        assertThat(AppPlanner.plan(app(3, 1, 1, "v1"), tasks, t -> !t.id().equals("t1")).complete()).isFalse();
    }

    @Test
    void rollingUpgradeKeepsMinimumHealthCapacity() throws Exception {
        AppDefinition target = app(4, 0.5, 0, "v2");
        List<MarathonTask> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(task("old" + i, "v1", i));
        }
        AppPlanner.Plan first = AppPlanner.plan(target, tasks, t -> true);
        assertThat(first.kill()).hasSize(2); // 4 ready, at least 2 must stay
        assertThat(first.launch()).isZero(); // no room above 4 until the kills end
        List<MarathonTask> after = new ArrayList<>(tasks.subList(2, 4));
        AppPlanner.Plan second = AppPlanner.plan(target, after, t -> true);
        assertThat(second.kill()).isEmpty();
        assertThat(second.launch()).isEqualTo(2);
        after.add(task("new0", "v2", 10));
        after.add(task("new1", "v2", 11));
        AppPlanner.Plan third = AppPlanner.plan(target, after, t -> t.id().startsWith("old"));
        assertThat(third.kill()).isEmpty(); // new tasks not ready yet: keep the old ones
        AppPlanner.Plan fourth = AppPlanner.plan(target, after, t -> true);
        assertThat(fourth.kill()).extracting(MarathonTask::id).containsExactlyInAnyOrder("old2", "old3");
    }

    @Test
    void fullCapacityUpgradeStartsOneExtra() throws Exception {
        AppDefinition target = app(2, 1, 0, "v2");
        List<MarathonTask> tasks = List.of(task("old0", "v1", 0), task("old1", "v1", 1));
        AppPlanner.Plan plan = AppPlanner.plan(target, tasks, t -> true);
        assertThat(plan.kill()).isEmpty();
        assertThat(plan.launch()).isEqualTo(1);
    }
}
