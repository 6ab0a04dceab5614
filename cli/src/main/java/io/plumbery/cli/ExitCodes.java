package io.plumbery.cli;

/** Plumbery's exit codes, in one place. */
final class ExitCodes {
    static final int OK = 0;
    /** The action ran and failed: a provider, a node, the state. */
    static final int FAILED = 1;
    /** Nothing was done: bad command line, bad plan, refused by safeMode. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
