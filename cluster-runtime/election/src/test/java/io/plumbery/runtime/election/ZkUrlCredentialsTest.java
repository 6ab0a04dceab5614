package io.plumbery.runtime.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zk:// URLs with digest credentials, masked wherever they are shown, and file:// flag values. */
class ZkUrlCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void userinfoIsTheDigestIdentityAndNeverShown() {
        ZkUrl url = ZkUrl.parse("zk://plumbery:s3cr:et@h1:2181,h2:2181/mesos");
        assertThat(url.connectString()).isEqualTo("h1:2181,h2:2181");
        assertThat(url.path()).isEqualTo("/mesos");
        assertThat(url.credentials()).contains(new ZkCredentials("plumbery", "s3cr:et"));
        assertThat(new String(url.credentials().orElseThrow().auth())).isEqualTo("plumbery:s3cr:et");
        assertThat(url.toString()).isEqualTo("zk://plumbery:****@h1:2181,h2:2181/mesos").doesNotContain("s3cr");
        assertThat(url.credentials().orElseThrow().toString()).isEqualTo("plumbery:****");
        assertThat(ZkUrl.parse("zk://h1:2181/mesos").credentials()).isEmpty();
    }

    @Test
    void maskHidesThePasswordOfAnyZkValue() {
        assertThat(ZkUrl.mask("zk://plumbery:secret@h1:2181/marathon")).isEqualTo("zk://plumbery:****@h1:2181/marathon");
        assertThat(ZkUrl.mask("zk://h1:2181/mesos")).isEqualTo("zk://h1:2181/mesos");
        assertThat(ZkUrl.mask("file:///etc/plumbery/secrets/zk")).isEqualTo("file:///etc/plumbery/secrets/zk");
        assertThat(ZkUrl.mask("10.0.0.1:5050")).isEqualTo("10.0.0.1:5050");
        assertThat(ZkUrl.mask(null)).isNull();
    }

    @Test
    void errorsDoNotShowThePassword() {
        assertThatThrownBy(() -> ZkUrl.parse("zk://plumbery:secret@h1:2181"))
                .hasMessageContaining("plumbery:****").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ZkUrl.parse("zk://secret@h1:2181/mesos"))
                .hasMessageNotContaining("secret");
    }

    @Test
    void fileValuesHoldTheRealValue() throws Exception {
        Path zk = Files.writeString(dir.resolve("zk"), "zk://plumbery:secret@h1:2181/mesos\n");
        Path master = Files.writeString(dir.resolve("master"), "  10.0.0.1:5050 \n");
        String zkFlag = zk.toUri().toString();
        assertThat(zkFlag).startsWith("file:///");
        assertThat(ZkUrl.isZk(zkFlag)).isTrue();
        assertThat(ZkUrl.parse(zkFlag)).isEqualTo(ZkUrl.parse("zk://plumbery:secret@h1:2181/mesos"));
        assertThat(ZkUrl.isZk(master.toUri().toString())).isFalse();
        assertThat(FlagFile.resolve(master.toUri().toString())).isEqualTo("10.0.0.1:5050");
        assertThat(FlagFile.resolve("h1:5050")).isEqualTo("h1:5050");
        assertThatThrownBy(() -> FlagFile.resolve(dir.resolve("missing").toUri().toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }
}
