package io.plumbery.runtime.logging;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;

/**
 * libprocess's {@code /logging/toggle?level=N&duration=D}, with its answers: the current level without parameters,
 * 400 with its sentences for a missing, bad or too low level or a bad duration, 200 with no body once set. Who may
 * call it is the server's ACLs' to say ({@code get_endpoints} for this path, as Mesos authorizes it).
 */
public final class LoggingToggle {
    public static final String PATH = "/logging/toggle";

    private final VerboseLevel level;

    public LoggingToggle(VerboseLevel level) {
        this.level = level;
    }

    public void register(Router router) {
        router.route(this::toggle, PATH);
    }

    private void toggle(Exchange ex) {
        String levelText = ex.query("level");
        String durationText = ex.query("duration");
        if (levelText == null && durationText == null) {
            ex.text(200, level.level() + "\n");
            return;
        }
        if (durationText == null) {
            ex.text(400, "Expecting 'duration=value' in query.\n");
            return;
        }
        if (levelText == null) {
            ex.text(400, "Expecting 'level=value' in query.\n");
            return;
        }
        int v;
        try {
            v = Integer.parseInt(levelText.strip());
        } catch (NumberFormatException e) {
            ex.text(400, "Failed to convert '" + levelText + "' to number.\n");
            return;
        }
        if (v < 0) {
            ex.text(400, "Invalid level '" + v + "'.\n");
            return;
        }
        if (v < level.original()) {
            ex.text(400, "'" + v + "' < original level.\n");
            return;
        }
        try {
            level.set(v, StoutDuration.parse(durationText));
        } catch (IllegalArgumentException e) {
            ex.text(400, e.getMessage() + ".\n");
            return;
        }
        ex.empty(200);
    }
}
