package io.plumbery.runtime.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.http.Credentials;
import io.plumbery.runtime.master.api.MasterRealms;
import org.junit.jupiter.api.Test;

/** The master's routes by realm, each realm asking only where its flag is on. */
class MasterRealmsTest {
    private static final Credentials ADMIN = Credentials.of(new Credential("admin", "x"));

    @Test
    void everyRouteClassHasItsRealm() {
        MasterRealms realms = new MasterRealms(MasterAuth.all(ADMIN));
        assertThat(realms.of("GET", "/master/state")).isEqualTo("mesos-master-readonly");
        assertThat(realms.of("GET", "/metrics/snapshot")).isEqualTo("mesos-master-readonly");
        assertThat(realms.of("GET", "/files/browse")).isEqualTo("mesos-master-readonly");
        assertThat(realms.of("POST", "/api/v1")).isEqualTo("mesos-master-readwrite");
        assertThat(realms.of("POST", "/master/teardown")).isEqualTo("mesos-master-readwrite");
        assertThat(realms.of("POST", "/api/v1/scheduler")).isEqualTo("mesos-master-scheduler");
        assertThat(realms.of("POST", "/internal/agent/register")).isEqualTo("mesos-master-agent");
        for (String open : new String[] {"/health", "/master/health", "/version", "/redirect", "/master/redirect"}) {
            assertThat(realms.of("GET", open)).as(open).isNull();
        }
    }

    @Test
    void aRealmWhoseFlagIsOffIsOpen() {
        MasterRealms readonlyOnly = new MasterRealms(new MasterAuth(ADMIN, true, false, false, false));
        assertThat(readonlyOnly.of("GET", "/master/state")).isNotNull();
        assertThat(readonlyOnly.of("POST", "/api/v1")).isNull();
        assertThat(readonlyOnly.of("POST", "/api/v1/scheduler")).isNull();
        assertThat(readonlyOnly.of("POST", "/internal/agent/heartbeat")).isNull();
    }

    @Test
    void aFlagWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> new MasterAuth(null, false, false, false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--credentials");
    }
}
