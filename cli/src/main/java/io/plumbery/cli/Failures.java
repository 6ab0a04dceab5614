package io.plumbery.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * Turns an unexpected exception into one line for the user (and a stack trace only with {@code -d}):
 * errors are messages, not Java internals.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Plumbery root = cl.getCommandSpec().root().userObject() instanceof Plumbery p ? p : null;
        err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (root != null && root.debug) {
            e.printStackTrace(err);
        } else {
            err.println("(run again with -d for details)");
        }
        err.flush();
        return ExitCodes.FAILED;
    }
}
