package io.plumbery.runtime.chronos.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO 8601 duration as Chronos reads one ({@code P1Y2M3DT4H5M6S}, {@code PT2S}, {@code P1W}): a calendar part added
 * in the schedule's time zone and an exact time part, kept apart because {@link Period} and {@link Duration} each hold
 * only one of them.
 */
public record IsoPeriod(Period date, Duration time, String text) {
    private static final Pattern FORMAT = Pattern.compile(
            "P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?");

    public static Optional<IsoPeriod> parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches() || text.equals("P") || text.endsWith("T")) {
            return Optional.empty();
        }
        Period date = Period.of(number(m.group(1)), number(m.group(2)), number(m.group(3)) * 7 + number(m.group(4)));
        BigDecimal seconds = m.group(7) == null ? BigDecimal.ZERO : new BigDecimal(m.group(7).replace(',', '.'));
        Duration time = Duration.ofHours(number(m.group(5))).plusMinutes(number(m.group(6)))
                .plusMillis(seconds.movePointRight(3).longValue());
        return Optional.of(new IsoPeriod(date, time, text));
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }

    public ZonedDateTime addTo(ZonedDateTime instant, long times) {
        return instant.plus(date.multipliedBy(Math.toIntExact(times))).plus(time.multipliedBy(times));
    }

    public boolean isZero() {
        return date.isZero() && time.isZero();
    }

    /** The exact length when the period has no calendar part (months and days vary), for skipping ahead at once. */
    public Optional<Duration> exactLength() {
        return date.isZero() ? Optional.of(time) : Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
