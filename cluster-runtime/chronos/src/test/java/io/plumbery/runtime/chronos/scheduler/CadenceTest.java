package io.plumbery.runtime.chronos.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.chronos.job.Schedule;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CadenceTest {
    static final Instant START = Instant.parse("2026-12-03T10:00:00Z");
    static final Duration EPSILON = Duration.ofSeconds(30);

    private static Schedule every(String period, String repeat) {
        return Schedule.parse(repeat + "/2026-12-03T10:00:00Z/" + period, "", START).orElseThrow();
    }

    @Test
    void nothingIsDueBeforeTheStart() {
        Cadence.Plan plan = Cadence.plan(every("PT1M", "R"), EPSILON, START.minusMillis(1));
        assertThat(plan.runNow()).isFalse();
        assertThat(plan.skipped()).isZero();
        assertThat(plan.schedule().next()).isEqualTo(START);
    }

    @Test
    void theSlotIsDueAtItsTimeAndTheScheduleMovesOn() {
        Cadence.Plan plan = Cadence.plan(every("PT1M", "R3"), EPSILON, START);
        assertThat(plan.due()).isEqualTo(START);
        assertThat(plan.schedule().text()).isEqualTo("R2/2026-12-03T10:01:00.000Z/PT1M");
    }

    @Test
    void aSlotMissedWithinEpsilonStartsLate() {
        Cadence.Plan plan = Cadence.plan(every("PT1M", "R"), EPSILON, START.plus(EPSILON));
        assertThat(plan.due()).isEqualTo(START);
        assertThat(plan.skipped()).isZero();
    }

    @Test
    void slotsMissedBeyondEpsilonAreSkippedAndCounted() {
        // 10:03:31: 10:00, 10:01, 10:02 and 10:03 are all more than 30 s old; nothing is due until 10:04
        Cadence.Plan plan = Cadence.plan(every("PT1M", "R"), EPSILON, START.plusSeconds(211));
        assertThat(plan.runNow()).isFalse();
        assertThat(plan.skipped()).isEqualTo(4);
        assertThat(plan.schedule().next()).isEqualTo(START.plusSeconds(240));

        // 10:03:20: the 10:03 slot is still within epsilon, the three before are skipped
        Cadence.Plan late = Cadence.plan(every("PT1M", "R"), EPSILON, START.plusSeconds(200));
        assertThat(late.due()).isEqualTo(START.plusSeconds(180));
        assertThat(late.skipped()).isEqualTo(3);
    }

    @Test
    void calendarPeriodsAreSkippedOneByOne() {
        Cadence.Plan plan = Cadence.plan(every("P1M", "R"), EPSILON, Instant.parse("2027-03-03T10:00:10Z"));
        assertThat(plan.due()).isEqualTo(Instant.parse("2027-03-03T10:00:00Z"));
        assertThat(plan.skipped()).isEqualTo(3);
    }

    @Test
    void skippingNeverGoesPastTheLastRun() {
        Cadence.Plan plan = Cadence.plan(every("PT1M", "R2"), EPSILON, START.plusSeconds(3600));
        assertThat(plan.runNow()).isFalse();
        assertThat(plan.skipped()).isEqualTo(2);
        assertThat(plan.schedule().exhausted()).isTrue();
    }
}
