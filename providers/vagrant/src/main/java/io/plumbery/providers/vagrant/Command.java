package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.local.Exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Host commands with a time limit, a working directory and extra environment. On timeout the whole process
 * tree goes (vagrant runs docker as children, which would otherwise outlive it).
 */
final class Command {

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        /** Standard error when there is any, else standard output: where tools put their reason. */
        String why() {
            return err.isBlank() ? out : err;
        }
    }

    private Command() {
    }

    static Result run(Duration timeout, List<String> command) throws ProviderException {
        return run(timeout, command, null, Map.of());
    }

    static Result run(Duration timeout, List<String> command, Path dir, Map<String, String> env)
            throws ProviderException {
        return run(timeout, command, dir, env, null);
    }

    /** Runs with {@code stdin} as its standard input. */
    static Result runWithInput(Duration timeout, List<String> command, String stdin) throws ProviderException {
        return run(timeout, command, null, Map.of(), stdin);
    }

    private static Result run(Duration timeout, List<String> command, Path dir, Map<String, String> env,
                              String stdin) throws ProviderException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ProviderException("cannot run " + command.get(0) + ": " + e.getMessage(), false, e);
        }
        CompletableFuture<String> out = Exec.drain(process.getInputStream());
        CompletableFuture<String> err = Exec.drain(process.getErrorStream());
        try {
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                String seen = out.completeOnTimeout("", 2, TimeUnit.SECONDS).join()
                        + err.completeOnTimeout("", 2, TimeUnit.SECONDS).join();
                throw new ProviderException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s; last output:\n" + Exec.tail(seen, 10), true, null);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            kill(process);
            throw new ProviderException("running " + command.get(0) + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted while running " + command.get(0), true, e);
        }
    }

    /** Runs and fails with the command's last lines unless it exits 0. */
    static String check(Duration timeout, List<String> command) throws ProviderException {
        Result result = run(timeout, command);
        if (!result.ok()) {
            throw new ProviderException(String.join(" ", command) + " failed (exit " + result.exit() + "): "
                    + Exec.tail(result.why(), 10));
        }
        return result.out();
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
