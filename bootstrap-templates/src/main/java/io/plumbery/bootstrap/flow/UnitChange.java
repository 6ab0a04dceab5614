package io.plumbery.bootstrap.flow;

/** What was done to one systemd unit of a node. */
public record UnitChange(String unit, Action action) {

    public enum Action {
        /** already enabled and active, and none of its files changed */
        UNCHANGED,
        /** its files were unchanged but it was not running (or not enabled): enabled and started */
        STARTED,
        /** one of its files (or the runtime jar) changed: restarted */
        RESTARTED,
        /** the node no longer has this role: stopped, disabled, its unit and env files removed */
        REMOVED
    }
}
