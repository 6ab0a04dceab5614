package io.plumbery.runtime.marathon.core;

import io.plumbery.runtime.marathon.model.AppDefinition;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs HTTP and TCP health checks from Marathon against a task's host and port; the outcome never throws. */
public final class HealthChecks implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "marathon-health");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(pool).build();

    /** Outcome of one check: alive, or the cause of the failure. */
    public record Outcome(boolean alive, String cause) {
    }

    /** Whether Marathon itself runs this kind of check (COMMAND and MESOS_* are left to the agent). */
    public static boolean runsHere(AppDefinition.HealthCheck check) {
        return switch (check.protocol()) {
            case "HTTP", "HTTPS", "TCP" -> true;
            default -> false;
        };
    }

    public CompletableFuture<Outcome> run(AppDefinition.HealthCheck check, MarathonTask task) {
        Integer port = check.port() != null ? check.port()
                : check.portIndex() != null && check.portIndex() < task.ports().size()
                ? task.ports().get(check.portIndex()) : null;
        if (port == null) {
            return CompletableFuture.completedFuture(new Outcome(false, "Task has no port for portIndex " + check.portIndex()));
        }
        Duration timeout = Duration.ofSeconds(Math.max(1, check.timeoutSeconds()));
        if (check.protocol().equals("TCP")) {
            return CompletableFuture.supplyAsync(() -> tcp(task.host(), port, timeout), pool);
        }
        String scheme = check.protocol().equals("HTTPS") ? "https" : "http";
        String path = check.path() == null ? "/" : check.path();
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + task.host() + ":" + port + path))
                .timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
            if (e != null) {
                return new Outcome(false, e.getCause() != null ? e.getCause().toString() : e.toString());
            }
            int s = r.statusCode();
            boolean ok = s >= 200 && s < 400 || Boolean.TRUE.equals(check.ignoreHttp1xx()) && s < 200;
            return new Outcome(ok, ok ? null : "HTTP " + s);
        });
    }

    private static Outcome tcp(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new Outcome(true, null);
        } catch (IOException e) {
            return new Outcome(false, e.toString());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
