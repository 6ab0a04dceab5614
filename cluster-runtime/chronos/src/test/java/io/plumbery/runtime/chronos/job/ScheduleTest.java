package io.plumbery.runtime.chronos.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void readsRepetitionsStartAndPeriod() {
        Schedule s = Schedule.parse("R5/2026-12-03T10:00:00Z/PT1M", "", NOW).orElseThrow();
        assertThat(s.remaining()).isEqualTo(5);
        assertThat(s.next()).isEqualTo(NOW);
        assertThat(s.period().time()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.text()).isEqualTo("R5/2026-12-03T10:00:00.000Z/PT1M");
    }

    @Test
    void bareRRepeatsForeverAndAnEmptyStartIsNow() {
        Schedule s = Schedule.parse("R//PT2S", "", NOW).orElseThrow();
        assertThat(s.remaining()).isEqualTo(Schedule.FOREVER);
        assertThat(s.next()).isEqualTo(NOW.minusSeconds(1));
        assertThat(s.advance(3).remaining()).isEqualTo(Schedule.FOREVER);
        assertThat(s.advance(3).next()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void advancingCountsRunsDownToZero() {
        Schedule s = Schedule.parse("R2/2026-12-03T10:00:00Z/PT1H", "", NOW).orElseThrow();
        assertThat(s.advance(1).text()).isEqualTo("R1/2026-12-03T11:00:00.000Z/PT1H");
        assertThat(s.advance(2).exhausted()).isTrue();
        assertThat(s.advance(5).remaining()).isZero();
    }

    @Test
    void offsetsAndFractionsAreKept() {
        Schedule s = Schedule.parse("R/1997-07-16T19:20:30.45+01:00/P1Y2M3DT4H5M6.5S", "", NOW).orElseThrow();
        assertThat(s.next()).isEqualTo(Instant.parse("1997-07-16T18:20:30.450Z"));
        assertThat(s.period().date()).isEqualTo(Period.of(1, 2, 3));
        assertThat(s.period().time()).isEqualTo(Duration.parse("PT4H5M6.5S"));
        assertThat(s.period().exactLength()).isEmpty();
    }

    @Test
    void theTimeZoneKeepsTheWallClockAcrossDaylightSaving() {
        // 02:00 in Berlin on the day before summer time starts: the next day is only 23 hours later
        Schedule s = Schedule.parse("R/2026-03-28T02:30:00Z/P1D", "Europe/Berlin", NOW).orElseThrow();
        assertThat(s.next()).isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
        assertThat(s.advance(2).next()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
        assertThat(Schedule.parse(s.advance(2).text(), "Europe/Berlin", NOW).orElseThrow().next())
                .isEqualTo(s.advance(2).next());
    }

    @Test
    void weeksAreSevenDays() {
        assertThat(IsoPeriod.parse("P2W").orElseThrow().date()).isEqualTo(Period.ofDays(14));
    }

    @Test
    void refusesWhatChronosCannotParse() {
        for (String bad : new String[] {"", "R/2026-12-03T10:00:00Z", "X/2026-12-03T10:00:00Z/PT1M",
                "R/yesterday/PT1M", "R/2026-12-03T10:00:00Z/P", "R/2026-12-03T10:00:00Z/PT", "R/2026-12-03T10:00:00Z/1M",
                "Rx/2026-12-03T10:00:00Z/PT1M"}) {
            assertThat(Schedule.parse(bad, "", NOW)).as(bad).isEmpty();
        }
        assertThat(Schedule.parse(null, "", NOW)).isEmpty();
    }
}
