package io.plumbery.providers.local;

import io.plumbery.providers.ProviderException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs host commands with a time limit; every failure names the command and its last error lines. */
public final class Exec {

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /**
     * Blocking pipe reads get threads of their own: on the common pool, many commands at once (a dozen nodes
     * built in parallel) would queue their reads behind each other while their processes wait to write.
     */
    private static final ExecutorService PIPES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "exec-pipe");
        t.setDaemon(true);
        return t;
    });

    private Exec() {
    }

    /** Everything {@code in} gives until it ends, read on a thread of its own. */
    public static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> read(in), PIPES);
    }

    static Result run(Duration timeout, List<String> command) throws ProviderException {
        return run(timeout, command, null);
    }

    static Result run(Duration timeout, List<String> command, String stdin) throws ProviderException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), false, e);
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProviderException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s", true, null);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new ProviderException("running " + command.get(0) + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running " + command.get(0), true, e);
        }
    }

    /** Runs and fails unless the command exits 0. */
    static String check(Duration timeout, List<String> command) throws ProviderException {
        return check(timeout, command, null);
    }

    static String check(Duration timeout, List<String> command, String stdin) throws ProviderException {
        Result result = run(timeout, command, stdin);
        if (!result.ok()) {
            throw new ProviderException(String.join(" ", command) + " failed (exit " + result.exit() + "): "
                    + tail(result.err().isBlank() ? result.out() : result.err(), 10), false, null);
        }
        return result.out();
    }

    /** Runs with output appended to a log file (long builds), failing with the log's last lines. */
    static void logged(Duration timeout, List<String> command, Path log) throws ProviderException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProviderException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s; see " + log, true, null);
            }
            if (process.exitValue() != 0) {
                throw new ProviderException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); last lines of " + log + ":\n" + tailOf(log, 15), false, null);
            }
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running " + command.get(0), true, e);
        }
    }

    /** The last {@code lines} lines of {@code text}. */
    public static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    static String tailOf(Path file, int lines) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 64 * 1024);
            return tail(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
