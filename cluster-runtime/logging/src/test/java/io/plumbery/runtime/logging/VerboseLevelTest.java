package io.plumbery.runtime.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class VerboseLevelTest {
    private final Logger logger = Logger.getLogger("test.verbose." + System.nanoTime());
    private final VerboseLevel level = new VerboseLevel(logger);

    @Test
    void levelsMapToDebugThenTraceAndZeroInheritsAgain() {
        level.set(1, Duration.ofMinutes(1));
        assertThat(logger.getLevel()).isEqualTo(Level.FINE);
        level.set(3, Duration.ofMinutes(1));
        assertThat(logger.getLevel()).isEqualTo(Level.FINEST);
        level.set(0, Duration.ZERO);
        assertThat(logger.getLevel()).isNull();
        assertThat(level.level()).isZero();
    }

    @Test
    void aLaterChangeReplacesThePendingRevert() throws Exception {
        level.set(1, Duration.ofMillis(200));
        level.set(2, Duration.ofSeconds(30));
        Thread.sleep(600);
        assertThat(level.level()).isEqualTo(2);
        level.set(1, Duration.ofMillis(100));
        Thread.sleep(500);
        assertThat(level.level()).isZero();
        assertThat(logger.getLevel()).isNull();
    }

    @Test
    void durationsInStoutUnits() {
        assertThat(StoutDuration.parse("10secs")).isEqualTo(Duration.ofSeconds(10));
        assertThat(StoutDuration.parse("1.5mins")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StoutDuration.parse("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThatThrownBy(() -> StoutDuration.parse("1..2secs")).hasMessage("Failed to convert '1..2' to number");
        assertThatThrownBy(() -> StoutDuration.parse("secs")).hasMessage("Failed to convert '' to number");
    }

    @Test
    void oneLineAsSlf4jSimpleWroteIt() {
        var record = new java.util.logging.LogRecord(Level.WARNING, "Agent {0} gone");
        record.setLoggerName("io.plumbery.runtime.master.AgentRegistry");
        record.setParameters(new Object[] {"S1"});
        assertThat(new OneLineFormat().format(record)).isEqualTo("[" + Thread.currentThread().getName()
                + "] WARN io.plumbery.runtime.master.AgentRegistry - Agent S1 gone" + System.lineSeparator());
    }
}
