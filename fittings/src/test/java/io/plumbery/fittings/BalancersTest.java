package io.plumbery.fittings;

import io.plumbery.fittings.model.Balancer;
import io.plumbery.fittings.model.Blueprint;
import io.plumbery.fittings.model.Plan;
import io.plumbery.fittings.model.Pool;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A blueprint's {@code pool:} and {@code balancers:}, as plumbery's load balancing has them. */
class BalancersTest {

    static final Plan PLAN = GlueRulesTest.plan("balancers.yaml");

    static Blueprint blueprint(String name) {
        return PLAN.blueprints().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void balancersAreReadWithPlumberysDefaults() {
        Blueprint web = blueprint("web");
        assertEquals(new Pool(Pool.Algorithm.LEAST_CONNECTIONS, null), placeless(web.pool()));
        assertEquals(List.of(
                        new Balancer("http", Balancer.Protocol.HTTP, 80, null,
                                List.of("http://{{ balancer.ip }}:{{ balancer.port }}/")),
                        new Balancer("fixed", Balancer.Protocol.TCP, 8443, "10.77.60.200", List.of()),
                        new Balancer("plain", Balancer.Protocol.HTTP, 80, null, List.of())),
                web.balancers().stream().map(BalancersTest::placeless).toList());
        assertEquals(3, web.nodes().size());
    }

    @Test
    void balancersAndTheirAlgorithmKnowWhereThePlanWritesThem() {
        Blueprint web = blueprint("web");
        assertEquals("balancers.yaml:9:20", web.pool().where().file().getFileName() + ":" + web.pool().where().line()
                + ":" + web.pool().where().column());
        assertEquals(List.of(11, 16, 20), web.balancers().stream().map(b -> b.where().line()).toList());
        assertEquals(11, web.balancers().get(0).where().column());
        assertNull(blueprint("batch").pool().where(), "round_robin unless written: nothing to point at");
    }

    static Pool placeless(Pool p) {
        return new Pool(p.algorithm(), p.description());
    }

    static Balancer placeless(Balancer b) {
        return new Balancer(b.name(), b.protocol(), b.port(), b.address(), b.information());
    }

    @Test
    void balancersWithoutAPoolGetRoundRobinAndOtherBlueprintsNoPool() {
        assertEquals(Pool.DEFAULT, blueprint("batch").pool());
        assertEquals(Pool.Algorithm.ROUND_ROBIN, Pool.DEFAULT.algorithm());
        assertEquals("round_robin", Pool.DEFAULT.algorithm().planName());
        assertEquals(Balancer.Protocol.UDP, blueprint("batch").balancers().get(0).protocol());
        Blueprint plain = GlueRulesTest.plan("glue-rules.yaml").blueprints().findFirst().orElseThrow();
        assertNull(plain.pool());
        assertEquals(List.of(), plain.balancers());
    }
}
