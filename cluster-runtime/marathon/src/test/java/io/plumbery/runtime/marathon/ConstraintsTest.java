package io.plumbery.runtime.marathon;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.marathon.model.Constraints;
import io.plumbery.runtime.marathon.model.Constraints.Placement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    static Placement host(String name, String rack) {
        return new Placement(name, Map.of("rack", rack));
    }

    static boolean ok(List<String> c, Placement p, Placement... existing) {
        return Constraints.check(List.of(c), p, List.of(existing)).ok();
    }

    @Test
    void unique() {
        assertThat(ok(List.of("hostname", "UNIQUE"), host("a", "r1"))).isTrue();
        assertThat(ok(List.of("hostname", "UNIQUE"), host("a", "r1"), host("a", "r2"))).isFalse();
        assertThat(ok(List.of("rack", "UNIQUE"), host("b", "r1"), host("a", "r1"))).isFalse();
        assertThat(Constraints.check(List.of(List.of("hostname", "UNIQUE")), host("a", "r1"), List.of(host("a", "r1")))
                .reason()).contains("hostname=a");
    }

    @Test
    void clusterLikeUnlikeIs() {
        assertThat(ok(List.of("rack", "CLUSTER", "r1"), host("a", "r1"))).isTrue();
        assertThat(ok(List.of("rack", "CLUSTER", "r1"), host("a", "r2"))).isFalse();
        assertThat(ok(List.of("rack", "CLUSTER"), host("a", "r2"), host("b", "r1"))).isFalse();
        assertThat(ok(List.of("hostname", "LIKE", "web-[0-9]+"), host("web-12", "r1"))).isTrue();
        assertThat(ok(List.of("hostname", "LIKE", "web-[0-9]+"), host("db-1", "r1"))).isFalse();
        assertThat(ok(List.of("hostname", "UNLIKE", "db-.*"), host("db-1", "r1"))).isFalse();
        assertThat(ok(List.of("zone", "UNLIKE", "x"), host("db-1", "r1"))).isTrue();
        assertThat(ok(List.of("zone", "LIKE", "x"), host("db-1", "r1"))).isFalse();
        assertThat(ok(List.of("rack", "IS", "r1"), host("a", "r1"))).isTrue();
    }

    @Test
    void maxPerAndGroupBy() {
        assertThat(ok(List.of("rack", "MAX_PER", "2"), host("c", "r1"), host("a", "r1"))).isTrue();
        assertThat(ok(List.of("rack", "MAX_PER", "2"), host("c", "r1"), host("a", "r1"), host("b", "r1"))).isFalse();
        assertThat(ok(List.of("rack", "GROUP_BY"), host("c", "r1"), host("a", "r1"), host("b", "r2"))).isTrue();
        assertThat(ok(List.of("rack", "GROUP_BY"), host("c", "r1"), host("a", "r1"), host("b", "r1"), host("d", "r2")))
                .isFalse();
        assertThat(ok(List.of("rack", "GROUP_BY", "3"), host("c", "r1"), host("a", "r1"), host("b", "r2"))).isFalse();
        assertThat(ok(List.of("rack", "GROUP_BY", "3"), host("c", "r3"), host("a", "r1"), host("b", "r2"))).isTrue();
    }

    @Test
    void validation() {
        assertThat(Constraints.validate(List.of("hostname", "UNIQUE"))).isEmpty();
        assertThat(Constraints.validate(List.of("hostname", "NOPE"))).isNotEmpty();
        assertThat(Constraints.validate(List.of("hostname", "LIKE", "("))).isNotEmpty();
        assertThat(Constraints.validate(List.of("hostname", "MAX_PER", "x"))).isNotEmpty();
        assertThat(Constraints.validate(List.of("hostname"))).isNotEmpty();
    }
}
