package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.mesos.MesosFramework;
import io.plumbery.runtime.chronos.mesos.SchedulerClient;
import io.plumbery.runtime.chronos.state.JobStore;
import io.plumbery.runtime.http.Credential;
import io.plumbery.runtime.protocol.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one instance runs while it leads: the framework's subscription, a tick every {@link #TICK}, and the
 * {@link JobScheduler}, which only this object's one thread ({@code chronos-scheduler}) touches: Mesos events, ticks
 * and the API's calls ({@link #call}) all run there, in turn.
 */
public final class ChronosLeader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChronosLeader.class);
    static final Duration TICK = Duration.ofMillis(100);

    /**
     * The framework's identity and the scheduler's settings; {@code principal} (null: none) goes in its FrameworkInfo,
     * {@code credential} (null: none) with every call to the master.
     */
    public record Settings(String master, String frameworkName, String user, String hostname, String webuiUrl,
                           double failoverTimeoutSeconds, Duration failureRetry, String principal,
                           Credential credential) {
    }

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chronos-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Settings settings;
    private final JobStore store;
    private final SchedulerClient client;
    private final JobScheduler scheduler;

    public ChronosLeader(Settings settings, JobStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.client = new SchedulerClient(settings.master(), settings.credential(), this::frameworkInfo, new SchedulerClient.Listener() {
            @Override
            public void subscribed(String frameworkId) {
                thread.execute(() -> {
                    store.frameworkId(frameworkId);
                    LOG.info("Subscribed as framework {}", frameworkId);
                    scheduler.reconcile();
                });
            }

            @Override
            public void event(JsonNode event) {
                thread.execute(() -> onEvent(event));
            }
        });
        this.scheduler = new JobScheduler(store, new MesosFramework(client), clock, settings.failureRetry());
    }

    public void start() throws Exception {
        call(s -> {
            s.load();
            return null;
        });
        client.start();
        thread.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ObjectNode frameworkInfo() {
        ObjectNode info = Json.object().put("user", settings.user()).put("name", settings.frameworkName())
                .put("failover_timeout", settings.failoverTimeoutSeconds()).put("checkpoint", true)
                .put("hostname", settings.hostname()).put("webui_url", settings.webuiUrl());
        if (settings.principal() != null) {
            info.put("principal", settings.principal());
        }
        store.frameworkId().ifPresent(id -> info.putObject("id").put("value", id));
        return info;
    }

    private void tick() {
        try {
            scheduler.tick();
        } catch (RuntimeException e) {
            LOG.warn("Scheduling tick failed", e);
        }
    }

    private void onEvent(JsonNode event) {
        try {
            switch (event.path("type").asText()) {
                case "OFFERS" -> scheduler.offers(event.path("offers").path("offers"));
                case "UPDATE" -> scheduler.update(event.path("update").path("status"));
                default -> LOG.debug("Ignoring {}", event.path("type").asText());
            }
        } catch (RuntimeException e) {
            LOG.warn("Handling {} failed", event.path("type").asText(), e);
        }
    }

    public boolean subscribed() {
        return client.subscribed();
    }

    /** Runs {@code action} on the scheduler's thread and returns its result; a {@link ChronosException} passes through. */
    public <T> T call(Function<JobScheduler, T> action) throws Exception {
        try {
            return thread.submit(() -> action.apply(scheduler)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw ChronosException.serverError("The scheduler did not answer in time");
        }
    }

    @Override
    public void close() {
        client.close();
        // what the thread is doing (a job being stored) ends first: an interrupted ZooKeeper write helps nobody
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdownNow();
        }
    }
}
