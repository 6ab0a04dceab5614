package io.plumbery.cli;

import io.plumbery.engine.Progress;

import java.io.PrintWriter;

/** Progress as lines: {@code [  4.2s] node.master1: node running (10.77.1.2)}. */
final class ConsoleProgress implements Progress {

    private final PrintWriter out;
    private final boolean quiet;
    private final long start = System.nanoTime();

    ConsoleProgress(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    private synchronized void line(String subject, String text) {
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("[%6.1fs] %s: %s%n", seconds, subject, text);
        out.flush();
    }

    @Override
    public void started(String subject, String step) {
        if (!quiet) {
            line(subject, step + "...");
        }
    }

    @Override
    public void finished(String subject, String step, String detail) {
        if (!quiet) {
            line(subject, step + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
        }
    }

    @Override
    public void failed(String subject, String step, String reason) {
        line(subject, "FAILED " + step + ": " + reason);
    }

    @Override
    public void note(String message) {
        if (!quiet) {
            synchronized (this) {
                out.println(message);
                out.flush();
            }
        }
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
