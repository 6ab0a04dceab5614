package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.core.Deployment;
import io.plumbery.runtime.marathon.core.DeploymentPlanner;
import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.GroupDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of a multi-app plan's steps, as Marathon's DeploymentPlan. */
class DeploymentPlannerTest {

    static AppDefinition app(String id, int instances, String deps) throws Exception {
        return AppModelTest.parse("{\"id\":\"" + id + "\",\"cmd\":\"x\",\"instances\":" + instances
                + ",\"dependencies\":[" + deps + "]}");
    }

    static Map<String, AppDefinition> byId(AppDefinition... apps) {
        Map<String, AppDefinition> out = new LinkedHashMap<>();
        for (AppDefinition a : apps) {
            out.put(a.id(), a);
        }
        return out;
    }

    /** Each step as "Action app, Action app". */
    static List<String> render(List<Deployment.Step> steps) {
        List<String> out = new ArrayList<>();
        for (Deployment.Step s : steps) {
            out.add(String.join(", ", s.actions().stream().map(a -> a.action().replace("Application", "") + " "
                    + a.app()).toList()));
        }
        return out;
    }

    @Test
    void newAppsAreRegisteredThenScaledLayerByLayer() throws Exception {
        AppDefinition db = app("/prod/db", 1, "");
        AppDefinition cache = app("/prod/cache", 1, "");
        AppDefinition web = app("/prod/web", 2, "\"/prod/db\",\"/prod/cache\"");
        AppDefinition lb = app("/prod/lb", 1, "\"/prod/web\"");
        Map<String, AppDefinition> targets = byId(lb, web, db, cache);
        List<Deployment.Step> steps = DeploymentPlanner.steps(Map.of(), targets, targets.values(), false);
        assertThat(render(steps)).containsExactly(
                "Start /prod/cache, Start /prod/db, Start /prod/lb, Start /prod/web",
                "Scale /prod/cache, Scale /prod/db",
                "Scale /prod/web",
                "Scale /prod/lb");
    }

    @Test
    void stopsFirstThenRestartsAndScalesInDependencyOrderSkippingUnaffectedLayers() throws Exception {
        AppDefinition db = app("/prod/db", 1, "");
        AppDefinition api = app("/prod/api", 1, "\"/prod/db\"");
        AppDefinition web = app("/prod/web", 1, "\"/prod/api\"");
        AppDefinition old = app("/prod/old", 1, "");
        // db gets a new config, web only more instances; api (between them) is unchanged
        AppDefinition db2 = app("/prod/db", 1, "").withPorts(List.of());
        AppDefinition web3 = web.withInstances(3);
        List<AppDefinition> root = List.of(db2, api, web3);
        List<Deployment.Step> steps = DeploymentPlanner.steps(byId(db, web, old), byId(db2, web3), root, false);
        assertThat(render(steps)).containsExactly("Stop /prod/old", "Restart /prod/db", "Scale /prod/web");
    }

    @Test
    void aGroupDependencyMeansEveryAppInIt() throws Exception {
        AppDefinition a = app("/data/a", 1, "");
        AppDefinition b = app("/data/sub/b", 1, "");
        AppDefinition web = app("/front/web", 1, "\"../data\"");
        Map<String, AppDefinition> targets = byId(web, a, b);
        assertThat(render(DeploymentPlanner.steps(Map.of(), targets, targets.values(), false))).containsExactly(
                "Start /data/a, Start /data/sub/b, Start /front/web", "Scale /data/a, Scale /data/sub/b",
                "Scale /front/web");
    }

    @Test
    void relativeDependenciesResolveAgainstTheAppThenItsGroup() throws Exception {
        AppDefinition db = app("/prod/db", 1, "");
        for (String dep : new String[] {"\"../db\"", "\"db\"", "\"./../db\""}) {
            AppDefinition web = app("/prod/web", 1, dep);
            Map<String, AppDefinition> targets = byId(web, db);
            assertThat(render(DeploymentPlanner.steps(Map.of(), targets, targets.values(), false))).as(dep)
                    .endsWith("Scale /prod/db", "Scale /prod/web");
        }
    }

    @Test
    void rollbackUndoesDependentsFirst() throws Exception {
        AppDefinition db = app("/prod/db", 1, "");
        AppDefinition web = app("/prod/web", 1, "\"/prod/db\"");
        Map<String, AppDefinition> now = byId(db, web);
        // undoing their creation: web stops before db
        assertThat(render(DeploymentPlanner.steps(now, Map.of(), now.values(), true)))
                .containsExactly("Stop /prod/web", "Stop /prod/db");
        // undoing an upgrade: web goes back before db
        Map<String, AppDefinition> back = byId(db.withPorts(List.of()), web.withPorts(List.of()));
        assertThat(render(DeploymentPlanner.steps(now, back, now.values(), true)))
                .containsExactly("Restart /prod/web", "Restart /prod/db");
    }

    @Test
    void aGroupsDependenciesOrderEveryAppInItAfterThoseItNames() throws Exception {
        AppDefinition db = app("/data/db", 1, "");
        AppDefinition cache = app("/data/cache", 1, "");
        AppDefinition web = app("/front/web", 1, "");
        Map<String, AppDefinition> targets = byId(web, db, cache);
        List<GroupDefinition> groups = List.of(new GroupDefinition("/front", List.of("/data"), "v"));
        assertThat(render(DeploymentPlanner.steps(Map.of(), targets, targets.values(), groups, false))).containsExactly(
                "Start /data/cache, Start /data/db, Start /front/web", "Scale /data/cache, Scale /data/db",
                "Scale /front/web");
    }
}
