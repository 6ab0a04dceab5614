package io.plumbery.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.ClusterRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of a service run as the jar runs it (its own JVM, slf4j's JUL binding): slf4j-simple's one-line shape on
 * standard error, down to the lines it writes while stopping on SIGTERM.
 */
class ServiceLogTest {
    @TempDir
    Path dir;

    @Test
    void oneLineRecordsOnStandardErrorUntilTheLastOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path err = dir.resolve("stderr");
        Process master = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "-Dslf4j.provider=org.slf4j.jul.JULServiceProvider", ClusterRuntime.class.getName(), "master",
                "--ip", "127.0.0.1", "--port", "0", "--work_dir", dir.resolve("master").toString())
                .redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(master.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).contains("listening on 127.0.0.1:");
            master.destroy();
            assertThat(master.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            master.destroyForcibly();
        }
        String log = Files.readString(err);
        assertThat(log).contains("[main] INFO org.eclipse.jetty.server.Server - Started ")
                .contains("] INFO org.eclipse.jetty.server.Server - Stopped ");
    }
}
