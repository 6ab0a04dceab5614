package io.plumbery.runtime.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line a record, in the shape the services logged in before their level could change (slf4j-simple's default):
 * {@code [thread] LEVEL logger - message}, slf4j's level names, the stack trace of a throwable after it.
 */
final class OneLineFormat extends Formatter {

    @Override
    public String format(LogRecord record) {
        // java.util.logging formats on the thread that logs, so its name is the record's thread
        StringBuilder line = new StringBuilder().append('[').append(Thread.currentThread().getName()).append("] ")
                .append(levelName(record.getLevel())).append(' ').append(record.getLoggerName()).append(" - ")
                .append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
