package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs host commands with a time limit ({@code LC_ALL=C}, standard input empty unless given); every failure
 * names the command and its last output lines. On timeout or interruption the whole process tree goes
 * (vagrant runs docker as children, which would otherwise outlive it).
 */
public final class Exec {

    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        /** Standard error when there is any, else standard output: where tools put their reason. */
        public String why() {
            return err.isBlank() ? out : err;
        }
    }

    private static final File NO_INPUT = new File("/dev/null");

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

    public static Result run(Duration timeout, List<String> command) throws ProviderException {
        return run(timeout, command, null, Map.of(), null);
    }

    /**
     * The argv of {@code sh -c SCRIPT sh ARGS...}: for the few steps that need a shell (several commands in one
     * namespace), with every value from a path, the plan or the environment given as a positional parameter
     * ({@code "$1"}) and never spliced into the script, so that no value is ever read as shell syntax.
     */
    public static List<String> shell(String script, String... args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs with {@code stdin} as its standard input. */
    public static Result run(Duration timeout, List<String> command, String stdin) throws ProviderException {
        return run(timeout, command, null, Map.of(), stdin);
    }

    /** Runs in {@code dir} with {@code env} added to this process's environment. */
    public static Result run(Duration timeout, List<String> command, Path dir, Map<String, String> env)
            throws ProviderException {
        return run(timeout, command, dir, env, null);
    }

    /** Runs and fails with the command's last lines unless it exits 0; its standard output otherwise. */
    public static String check(Duration timeout, List<String> command) throws ProviderException {
        Result result = run(timeout, command);
        if (!result.ok()) {
            throw new ProviderException(String.join(" ", command) + " failed (exit " + result.exit() + "): "
                    + tail(result.why(), 10));
        }
        return result.out();
    }

    /** Runs with output appended to a log file (long builds), failing with the log's last lines. */
    public static void logged(Duration timeout, List<String> command, Path log) throws ProviderException {
        ProcessBuilder builder = builder(command, Map.of("DEBIAN_FRONTEND", "noninteractive"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        Process process = start(builder, command);
        if (!awaitExit(process, timeout, command)) {
            throw timedOut(command, timeout, "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new ProviderException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "); last lines of " + log + ":\n" + tailOf(log, 15));
        }
    }

    /**
     * Starts {@code /bin/sh script} detached from this JVM ({@code setsid -f}: its own session, not killed with
     * this process), in the script's directory, standard input empty and its output appended to {@code output};
     * {@code what} names it in failures.
     */
    public static void detached(Path script, Path output, String what) throws ProviderException {
        ProcessBuilder builder = builder(List.of("setsid", "-f", "/bin/sh", script.toString()), Map.of())
                .directory(script.toAbsolutePath().getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectErrorStream(true);
        Process process = start(builder, List.of("setsid"));
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                kill(process);
                throw new ProviderException("could not start " + what + "; see " + output);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while starting " + what, true, e);
        }
    }

    /** The last {@code lines} lines of {@code text}. */
    public static String tail(String text, int lines) {
        String[] all = text.strip().split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", List.of(all).subList(from, all.length));
    }

    /** The last {@code lines} lines of a file (of its last 64 KiB), or why it cannot be read. */
    public static String tailOf(Path file, int lines) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int from = Math.max(0, bytes.length - 64 * 1024);
            return tail(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Result run(Duration timeout, List<String> command, Path dir, Map<String, String> env,
                              String stdin) throws ProviderException {
        ProcessBuilder builder = builder(command, env);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        }
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = start(builder, command);
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            kill(process);
            throw new ProviderException("running " + command.get(0) + ": " + e.getMessage(), false, e);
        }
        if (!awaitExit(process, timeout, command)) {
            String seen = out.completeOnTimeout("", 2, TimeUnit.SECONDS).join()
                    + err.completeOnTimeout("", 2, TimeUnit.SECONDS).join();
            throw timedOut(command, timeout, "; last output:\n" + tail(seen, 10));
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static ProcessBuilder builder(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(env);
        return builder;
    }

    private static Process start(ProcessBuilder builder, List<String> command) throws ProviderException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), false, e);
        }
    }

    /** True once the process exited; false after {@code timeout}, with its tree killed (also when interrupted). */
    private static boolean awaitExit(Process process, Duration timeout, List<String> command)
            throws ProviderException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            kill(process);
            return false;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running " + command.get(0), true, e);
        }
    }

    private static ProviderException timedOut(List<String> command, Duration timeout, String more) {
        return new ProviderException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                + " s" + more, true, null);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Everything {@code in} gives until it ends, read on a thread of its own. */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> read(in), PIPES);
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
