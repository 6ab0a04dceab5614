package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import io.plumbery.runtime.marathon.model.GroupSnapshot;
import io.plumbery.runtime.marathon.model.GroupTree;
import io.plumbery.runtime.marathon.model.GroupUpdate;
import io.plumbery.runtime.marathon.model.PathId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The root group as Marathon's: groups that exist by themselves or by what is in them, structural updates. */
class GroupTreeTest {
    static final PathId PROD = PathId.parse("/prod");

    static AppDefinition app(String id, int instances) throws Exception {
        return DeploymentPlannerTest.app(id, instances, "").withVersion("2020-01-01T00:00:00.000Z", null);
    }

    static GroupUpdate.PathedApp pathed(String id) throws Exception {
        return new GroupUpdate.PathedApp(app(id, 1), "");
    }

    static GroupTree tree() throws Exception {
        return GroupTree.of(List.of(app("/prod/web", 1), app("/prod/db/pg", 1), app("/top", 1)),
                List.of(new GroupDefinition("/empty/inner", List.of(), "2021-01-01T00:00:00.000Z")));
    }

    @Test
    void groupsExistByTheirDefinitionOrWhatIsBelowThemAndTheRootAlways() throws Exception {
        GroupTree t = tree();
        assertThat(t.exists(PathId.ROOT)).isTrue();
        assertThat(t.exists(PROD)).isTrue();
        assertThat(t.exists(PathId.parse("/prod/db"))).isTrue();
        assertThat(t.exists(PathId.parse("/empty"))).isTrue();
        assertThat(t.exists(PathId.parse("/empty/inner"))).isTrue();
        assertThat(t.exists(PathId.parse("/top"))).as("an app is no group").isFalse();
        assertThat(t.exists(PathId.parse("/nowhere"))).isFalse();
        assertThat(t.childGroups(PathId.ROOT)).extracting(PathId::toString).containsExactly("/empty", "/prod");
        assertThat(t.childGroups(PROD)).extracting(PathId::toString).containsExactly("/prod/db");
        assertThat(t.appsIn(PROD)).extracting(AppDefinition::id).containsExactly("/prod/web");
        assertThat(t.version(PathId.parse("/empty"))).isEqualTo("2021-01-01T00:00:00.000Z");
        assertThat(t.version(PROD)).isEqualTo("2020-01-01T00:00:00.000Z");
        assertThat(t.clashes()).isEmpty();
    }

    @Test
    void anUpdateReplacesWhatItGivesKeepsWhatItDoesNotAndVersionsTheGroupsBelow() throws Exception {
        String v = "2022-02-02T00:00:00.000Z";
        // apps given: /prod/web goes, /prod/api comes; groups not given: /prod/db kept
        GroupTree t = tree().apply(new GroupUpdate(PROD, List.of(pathed("/prod/api")), null, List.of("/top")), v);
        assertThat(t.apps().keySet()).extracting(PathId::toString)
                .containsExactly("/prod/api", "/prod/db/pg", "/top");
        assertThat(t.groups().get(PROD)).isEqualTo(new GroupDefinition("/prod", List.of("/top"), v));
        // groups given (none): /prod/db and its app go; apps and dependencies not given: kept
        GroupTree u = t.apply(new GroupUpdate(PROD, null, List.of(), null), v);
        assertThat(u.apps().keySet()).extracting(PathId::toString).containsExactly("/prod/api", "/top");
        assertThat(u.dependencies(PROD)).containsExactly("/top");
        // nested groups are created empty, every group below gets the version
        GroupTree w = u.apply(new GroupUpdate(PathId.parse("/empty"), null,
                List.of(new GroupUpdate(PathId.parse("/empty/a"), null, null, null)), null), v);
        assertThat(w.groups().keySet()).extracting(PathId::toString).containsExactly("/empty", "/empty/a", "/prod");
        assertThat(w.exists(PathId.parse("/empty/inner"))).isFalse();
        assertThat(w.version(PathId.parse("/empty/a"))).isEqualTo(v);
    }

    @Test
    void withoutAndReplacingWorkOnWholeSubtreesAndTheHistoryKeepsEntries() throws Exception {
        GroupTree t = tree();
        GroupTree gone = t.without(PROD);
        assertThat(gone.apps().keySet()).extracting(PathId::toString).containsExactly("/top");
        assertThat(gone.replacing(PROD, t)).isEqualTo(t);
        assertThat(t.without(PathId.ROOT)).isEqualTo(GroupTree.EMPTY);
        GroupSnapshot app = GroupSnapshot.of(PathId.parse("/top"), "v", t);
        assertThat(app.apps()).extracting(AppDefinition::id).containsExactly("/top");
        assertThat(gone.replacing(PathId.parse("/top"), app.tree()).apps()).containsKey(PathId.parse("/top"));
        assertThat(GroupSnapshot.of(PROD, "v", t).apps()).hasSize(2);
    }

    @Test
    void scalingMapsEveryAppBelowTheGroup() throws Exception {
        GroupTree t = tree().mapApps(PROD, a -> a.withInstances((int) Math.ceil(a.instances() * 1.5)));
        assertThat(t.apps().get(PathId.parse("/prod/db/pg")).instances()).isEqualTo(2);
        assertThat(t.apps().get(PathId.parse("/top")).instances()).isEqualTo(1);
    }

    @Test
    void anIdIsAnAppOrAGroupNotBoth() throws Exception {
        GroupTree t = GroupTree.of(List.of(app("/a", 1), app("/a/b", 1)), List.of());
        assertThat(t.clashes()).hasSize(1);
        assertThat(t.clashes().get(0).errors().get(0)).contains("Groups and Applications may not have the same "
                + "identifier");
    }
}
