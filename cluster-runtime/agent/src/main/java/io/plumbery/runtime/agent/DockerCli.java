package io.plumbery.runtime.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, as Mesos's Docker containerizer drives it (it shells out too): the same client
 * an operator uses to look at what the agent did, and no Docker API version to pin.
 */
final class DockerCli {
    /** Blocking pipe reads get threads of their own, not the (1-thread on 2 cores) common pool. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "docker-cli-output");
        t.setDaemon(true);
        return t;
    });

    private final String binary;

    DockerCli(String binary) {
        this.binary = binary;
    }

    String binary() {
        return binary;
    }

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** The last line of stderr (Docker's error), or of stdout if stderr is empty. */
        String lastLine() {
            String text = stderr.isBlank() ? stdout : stderr;
            String[] lines = text.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** Runs {@code docker args...}; a run that outlives {@code timeout} is killed and reported as exit 124. */
    Result run(Duration timeout, String... args) {
        List<String> argv = new ArrayList<>(List.of(binary));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(124, "", "docker " + args[0] + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            return new Result(127, "", "cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "", "interrupted");
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }, READERS);
    }

    /** The engine's version, or why the agent cannot use it. */
    Result serverVersion() {
        return run(Duration.ofSeconds(15), "version", "--format", "{{.Server.Version}}");
    }

    /** Names of the containers (running or not) whose name starts with {@code prefix}. */
    List<String> containersNamed(String prefix) {
        Result r = run(Duration.ofSeconds(15), "ps", "-a", "--format", "{{.Names}}", "--filter",
                "name=^" + prefix.replace(".", "\\."));
        return r.ok() ? r.stdout().lines().map(String::strip).filter(n -> n.startsWith(prefix)).toList() : List.of();
    }

    void removeForcibly(String name) {
        run(Duration.ofSeconds(30), "rm", "-f", name);
    }
}
