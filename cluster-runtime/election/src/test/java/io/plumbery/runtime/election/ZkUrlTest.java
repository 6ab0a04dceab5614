package io.plumbery.runtime.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZkUrlTest {

    @Test
    void parsesZkUrls() {
        ZkUrl url = ZkUrl.parse("zk://h1:2181,h2:2181,h3:2181/mesos");
        assertThat(url.connectString()).isEqualTo("h1:2181,h2:2181,h3:2181");
        assertThat(url.path()).isEqualTo("/mesos");
        assertThat(ZkUrl.parse("zk://user:pw@h1:2181/a/b/").path()).isEqualTo("/a/b");
        assertThatThrownBy(() -> ZkUrl.parse("h1:2181/mesos")).isInstanceOf(IllegalArgumentException.class);
    }
}
