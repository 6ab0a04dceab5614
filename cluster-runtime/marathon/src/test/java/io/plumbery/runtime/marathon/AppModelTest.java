package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.model.AppDefinition;
import io.plumbery.runtime.marathon.model.AppValidator;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.PathId;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppModelTest {

    static AppDefinition parse(String json) throws Exception {
        return MarathonJson.MAPPER.readValue(json, AppDefinition.class).withDefaults();
    }

    @Test
    void idsAreNormalisedAndNested() {
        assertThat(PathId.parse("prod/web/").toString()).isEqualTo("/prod/web");
        assertThat(PathId.parse("/prod//web/../api").toString()).isEqualTo("/prod/api");
        assertThat(PathId.parse("/prod/web").parent().toString()).isEqualTo("/prod");
        assertThat(PathId.parse("/prod/web").isDescendantOf(PathId.parse("/prod"))).isTrue();
        assertThat(PathId.parse("/prod/web").safeName()).isEqualTo("prod_web");
        assertThat(PathId.parse("/Prod").isValid()).isFalse();
        assertThat(PathId.parse("/a-b.c/d1").isValid()).isTrue();
    }

    @Test
    void defaultsAreMarathons() throws Exception {
        AppDefinition app = parse("{\"id\":\"web\",\"cmd\":\"sleep 1\"}");
        assertThat(app.id()).isEqualTo("/web");
        assertThat(app.instances()).isEqualTo(1);
        assertThat(app.cpus()).isEqualTo(1.0);
        assertThat(app.mem()).isEqualTo(128.0);
        assertThat(app.backoffFactor()).isEqualTo(1.15);
        assertThat(app.upgradeStrategy()).isEqualTo(new AppDefinition.UpgradeStrategy(1.0, 1.0));
        assertThat(app.killSelection()).isEqualTo("YOUNGEST_FIRST");
        assertThat(app.portDefinitions()).hasSize(1);
        assertThat(AppValidator.validate(app)).isEmpty();
        assertThat(parse("{\"id\":\"web\",\"cmd\":\"x\",\"ports\":[0,0]}").portDefinitions()).hasSize(2);
        assertThat(parse("{\"id\":\"web\",\"cmd\":\"x\",\"portDefinitions\":[]}").portDefinitions()).isEmpty();
    }

    @Test
    void everyViolationIsReportedWithItsPath() throws Exception {
        AppDefinition app = parse("{\"id\":\"/Bad_Id\",\"cpus\":-1,\"mem\":-5,\"instances\":-1,\"backoffFactor\":0.5,"
                + "\"constraints\":[[\"hostname\",\"UNIQUE\"],[\"hostname\",\"SOMETIMES\"],[\"rack\",\"LIKE\"]],"
                + "\"upgradeStrategy\":{\"minimumHealthCapacity\":1.5},\"killSelection\":\"RANDOM\","
                + "\"healthChecks\":[{\"protocol\":\"HTTP\",\"portIndex\":3}]}");
        List<String> paths = AppValidator.validate(app).stream().map(Violation::path).toList();
        assertThat(paths).contains("/id", "/", "/cpus", "/mem", "/instances", "/backoffFactor", "/constraints(1)",
                "/constraints(2)", "/upgradeStrategy/minimumHealthCapacity", "/killSelection",
                "/healthChecks(0)/portIndex");
        assertThat(paths).doesNotContain("/constraints(0)");
        Violation cpus = AppValidator.validate(app).stream().filter(v -> v.path().equals("/cpus")).findFirst().orElseThrow();
        assertThat(cpus.errors()).containsExactly("got -1.0, expected 0.0 or more");
    }

    @Test
    void cmdAndArgsAreExclusive() throws Exception {
        AppDefinition app = parse("{\"id\":\"a\",\"cmd\":\"x\",\"args\":[\"y\"]}");
        assertThat(AppValidator.validate(app)).extracting(Violation::path).containsExactly("/");
    }

    @Test
    void scalingIsNotAConfigChange() throws Exception {
        AppDefinition a = parse("{\"id\":\"a\",\"cmd\":\"x\",\"instances\":2}").withVersion("v1", null);
        assertThat(a.withInstances(5).withVersion("v2", null).isOnlyScaleOf(a)).isTrue();
        assertThat(parse("{\"id\":\"a\",\"cmd\":\"y\",\"instances\":2}").isOnlyScaleOf(a)).isFalse();
    }

    @Test
    void taskEnvironmentHasMarathonsVariables() throws Exception {
        AppDefinition app = parse("{\"id\":\"/prod/web\",\"cmd\":\"x\",\"env\":{\"A\":\"1\"},"
                + "\"portDefinitions\":[{\"port\":0,\"name\":\"http\"},{\"port\":0}],\"labels\":{\"tier\":\"fe\"}}")
                .withVersion("2026-01-01T00:00:00.000Z", null);
        var env = app.taskEnv(List.of(31000, 31001), "host-1", "prod_web.1");
        assertThat(env).containsEntry("A", "1").containsEntry("PORT0", "31000").containsEntry("PORT1", "31001")
                .containsEntry("PORT", "31000").containsEntry("PORTS", "31000,31001").containsEntry("PORT_HTTP", "31000")
                .containsEntry("HOST", "host-1").containsEntry("MARATHON_APP_ID", "/prod/web")
                .containsEntry("MARATHON_APP_VERSION", "2026-01-01T00:00:00.000Z")
                .containsEntry("MARATHON_APP_LABEL_TIER", "fe");
    }
}
