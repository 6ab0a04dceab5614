package io.plumbery.runtime.chronos.job;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chronos's task id {@code ct:DUE_MILLIS:ATTEMPT:JOB:ARGUMENTS}: a run names its job, the slot it is for and its
 * attempt, so a new leader knows what every task it hears about belongs to without any other state.
 */
public record TaskId(Instant due, int attempt, String jobName, String arguments) {
    private static final Pattern FORMAT = Pattern.compile("ct:(\\d+):(\\d+):([\\w.-]+):?(.*)");

    public static Optional<TaskId> parse(String id) {
        Matcher m = FORMAT.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TaskId(Instant.ofEpochMilli(Long.parseLong(m.group(1))), Integer.parseInt(m.group(2)),
                m.group(3), m.group(4)));
    }

    /** Chronos drops {@code ;} from the arguments it puts in an id. */
    public String value() {
        return "ct:" + due.toEpochMilli() + ":" + attempt + ":" + jobName + ":" + arguments.replace(";", "");
    }
}
