package io.plumbery.runtime.chronos.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repeating ISO 8601 interval {@code R[n]/START/PERIOD} as Chronos keeps it: {@code n} runs left ({@code -1} for
 * {@code R}, forever), the next run at {@code start}. An empty start means now. A {@code scheduleTimeZone} (tz
 * database name) keeps the start's wall-clock fields and replaces its offset, so that a daily run stays at the same
 * local hour across daylight saving changes.
 */
public record Schedule(long remaining, ZonedDateTime start, IsoPeriod period) {
    public static final long FOREVER = -1;
    private static final Pattern FORMAT = Pattern.compile("(R\\d*)/(.*)/(P.*)");
    private static final DateTimeFormatter PRINT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    /** The schedule, or empty when Chronos could not parse it either. */
    public static Optional<Schedule> parse(String text, String timeZone, Instant now) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            long remaining = m.group(1).length() == 1 ? FOREVER : Long.parseLong(m.group(1).substring(1));
            Optional<IsoPeriod> period = IsoPeriod.parse(m.group(3));
            if (period.isEmpty()) {
                return Optional.empty();
            }
            ZonedDateTime start = m.group(2).isEmpty() ? now.minusSeconds(1).atZone(ZoneOffset.UTC)
                    : start(m.group(2), timeZone);
            return Optional.of(new Schedule(remaining, start, period.get()));
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static ZonedDateTime start(String text, String timeZone) {
        boolean zoned = timeZone != null && !timeZone.isEmpty();
        ZoneId zone = zoned ? TimeZone.getTimeZone(timeZone).toZoneId() : ZoneOffset.UTC;
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            return zoned ? parsed.toLocalDateTime().atZone(zone) : parsed.toZonedDateTime();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).atZone(zone);
        }
    }

    public boolean exhausted() {
        return remaining == 0;
    }

    /** The schedule after its next run: one run fewer, starting a period later. */
    public Schedule advance(long runs) {
        long left = remaining == FOREVER ? FOREVER : Math.max(0, remaining - runs);
        return new Schedule(left, period.addTo(start, runs), period);
    }

    public Instant next() {
        return start.toInstant();
    }

    /** Chronos's own text of the schedule ({@code R5/2026-12-03T10:00:00.000Z/PT1M}). */
    public String text() {
        return (remaining == FOREVER ? "R" : "R" + remaining) + "/" + startText() + "/" + period.text();
    }

    public String startText() {
        return PRINT.format(start);
    }
}
