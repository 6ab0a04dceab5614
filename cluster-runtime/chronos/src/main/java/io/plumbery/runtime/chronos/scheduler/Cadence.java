package io.plumbery.runtime.chronos.scheduler;

import io.plumbery.runtime.chronos.job.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * Which run of a schedule is due at a moment, by Chronos's rule: a slot is run when its time has come and is no more
 * than {@code epsilon} ago (late, then); an older slot is skipped and counted. Pure: the scheduler stores the schedule
 * it returns before it launches anything.
 */
public final class Cadence {
    private Cadence() {
    }

    /** What to do now: run {@code slot} ({@code due}), or wait; {@code schedule} is what to store either way. */
    public record Plan(Instant due, Schedule schedule, long skipped) {
        public boolean runNow() {
            return due != null;
        }
    }

    public static Plan plan(Schedule schedule, Duration epsilon, Instant now) {
        Plan caughtUp = catchUp(schedule, epsilon, now);
        Schedule s = caughtUp.schedule();
        if (!s.exhausted() && !s.next().isAfter(now)) {
            return new Plan(s.next(), s.advance(1), caughtUp.skipped());
        }
        return caughtUp;
    }

    /** The schedule without the slots already older than epsilon (how many: {@code skipped}); nothing due in it. */
    public static Plan catchUp(Schedule schedule, Duration epsilon, Instant now) {
        Schedule s = schedule;
        long skipped = 0;
        while (!s.exhausted() && now.isAfter(s.next().plus(epsilon))) {
            long missed = missedSlots(s, epsilon, now);
            skipped += missed;
            s = s.advance(missed);
        }
        return new Plan(null, s, skipped);
    }

    /** How many slots from the next one are already older than epsilon: all at once when the period is exact. */
    private static long missedSlots(Schedule s, Duration epsilon, Instant now) {
        long lateMillis = Duration.between(s.next().plus(epsilon), now).toMillis();
        long missed = s.period().exactLength().map(Duration::toMillis).filter(len -> len > 0)
                .map(len -> (lateMillis + len - 1) / len).orElse(1L);
        missed = Math.max(1, missed);
        return s.remaining() == Schedule.FOREVER ? missed : Math.min(missed, s.remaining());
    }
}
