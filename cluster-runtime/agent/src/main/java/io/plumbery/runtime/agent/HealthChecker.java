package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Mesos health checks of the command executor ({@code TaskInfo.health_check}: COMMAND, HTTP, TCP against
 * 127.0.0.1): after {@code delay_seconds}, every {@code interval_seconds}; a change of health is reported, and after
 * {@code consecutive_failures} failures outside {@code grace_period_seconds} the task is killed.
 */
final class HealthChecker {
    /** Where results go. */
    interface Listener {
        void healthChanged(boolean healthy);

        void unhealthy(int failures);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonNode check;
    private final Path sandbox;
    private final Map<String, String> environment;
    private final Function<String, List<String>> shell;
    private final Listener listener;
    private final long startedNanos = System.nanoTime();
    private ScheduledFuture<?> schedule;
    private Boolean healthy;
    private int failures;

    HealthChecker(JsonNode check, Path sandbox, Map<String, String> environment, Function<String, List<String>> shell,
                  Listener listener) {
        this.check = check;
        this.shell = shell;
        this.sandbox = sandbox;
        this.environment = environment;
        this.listener = listener;
    }

    void start(ScheduledExecutorService timers) {
        long delay = millis("delay_seconds", 15.0);
        long interval = Math.max(10, millis("interval_seconds", 10.0));
        schedule = timers.scheduleWithFixedDelay(this::runOnce, delay, interval, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private long millis(String field, double defaultSeconds) {
        return (long) (check.path(field).asDouble(defaultSeconds) * 1000);
    }

    private synchronized void runOnce() {
        boolean ok;
        try {
            ok = probe(millis("timeout_seconds", 20.0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            ok = false;
        }
        boolean inGrace = System.nanoTime() - startedNanos < TimeUnit.MILLISECONDS.toNanos(millis("grace_period_seconds", 10.0));
        if (ok) {
            failures = 0;
            if (!Boolean.TRUE.equals(healthy)) {
                healthy = true;
                listener.healthChanged(true);
            }
            return;
        }
        if (inGrace && healthy == null) {
            return;
        }
        failures++;
        if (!Boolean.FALSE.equals(healthy)) {
            healthy = false;
            listener.healthChanged(false);
        }
        if (failures >= check.path("consecutive_failures").asInt(3)) {
            stop();
            listener.unhealthy(failures);
        }
    }

    private boolean probe(long timeoutMillis) throws IOException, InterruptedException {
        switch (check.path("type").asText(check.has("http") ? "HTTP" : check.has("tcp") ? "TCP" : "COMMAND")) {
            case "HTTP" -> {
                JsonNode h = check.path("http");
                String uri = h.path("scheme").asText("http") + "://127.0.0.1:" + h.path("port").asInt()
                        + h.path("path").asText("/");
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofMillis(timeoutMillis)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (h.has("statuses") && h.path("statuses").size() > 0) {
                    for (JsonNode s : h.path("statuses")) {
                        if (s.asInt() == r.statusCode()) {
                            return true;
                        }
                    }
                    return false;
                }
                return r.statusCode() >= 200 && r.statusCode() < 400;
            }
            case "TCP" -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", check.path("tcp").path("port").asInt()),
                            (int) timeoutMillis);
                    return true;
                }
            }
            default -> {
                ProcessBuilder pb = new ProcessBuilder(shell.apply(check.path("command").path("value").asText("false")))
                        .directory(sandbox.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().putAll(environment);
                Process p = pb.start();
                if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0;
            }
        }
    }
}
