package io.plumbery.runtime.logging;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The services' log: every record of INFO and above (and the runtime's own at the {@link VerboseLevel}) on standard
 * error, one line each, flushed at once, where systemd's journal reads it, as slf4j-simple wrote it before.
 */
public final class ConsoleLog extends Handler {
    private final PrintStream out;

    private ConsoleLog(PrintStream out) {
        this.out = out;
        setFormatter(new OneLineFormat());
        setLevel(Level.ALL);
    }

    /**
     * Replaces java.util.logging's default configuration with this handler on the root logger; called first thing in
     * {@code main}, so that the manager is still to be made and can be the {@link KeptLogManager}.
     */
    public static void install() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", KeptLogManager.class.getName());
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new ConsoleLog(System.err));
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            String line = getFormatter().format(record);
            synchronized (out) {
                out.print(line);
                out.flush();
            }
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    // the stream is the process's standard error: never closed here, also not by the log manager's reset at exit
    @Override
    public void close() {
        flush();
    }
}
