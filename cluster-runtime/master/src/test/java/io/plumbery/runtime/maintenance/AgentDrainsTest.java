package io.plumbery.runtime.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.Json;
import org.junit.jupiter.api.Test;

class AgentDrainsTest {
    @Test
    void drainDeactivatesUntilReactivatedAndSnapshotsRestore() {
        AgentDrains d = new AgentDrains();
        d.drain("s1", 5_000_000_000L, true);
        d.deactivate("s2");
        d.markGone("s3");
        assertThat(d.deactivated("s1")).isTrue();
        assertThat(d.drainingAgents()).containsExactly("s1");
        d.drained("s1");
        assertThat(d.drainInfo("s1")).contains(new AgentDrains.DrainInfo(AgentDrains.State.DRAINED, 5_000_000_000L, true));
        assertThat(d.drainingAgents()).isEmpty();
        AgentDrains back = AgentDrains.restore(Json.parse(d.snapshot().toString()));
        assertThat(back.drainInfo("s1")).isEqualTo(d.drainInfo("s1"));
        assertThat(back.deactivated("s2")).isTrue();
        assertThat(back.gone("s3")).isTrue();
        back.reactivate("s1");
        assertThat(back.deactivated("s1")).isFalse();
        assertThat(back.drainInfo("s1")).isEmpty();
    }
}
