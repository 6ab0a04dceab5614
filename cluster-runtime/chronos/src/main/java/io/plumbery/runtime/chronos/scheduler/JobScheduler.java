package io.plumbery.runtime.chronos.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.chronos.job.Schedule;
import io.plumbery.runtime.chronos.job.TaskId;
import io.plumbery.runtime.chronos.state.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's jobs and runs: which slots are due ({@link Cadence}), the runs waiting for offers, the tasks running,
 * what a finished or failed task changes (counts, retries, dependent jobs). Not thread-safe: its one owner calls it
 * from one thread. A slot's run is queued only after the schedule that follows it is stored, so a new leader never
 * runs that slot again (a run lost with its leader before launch is not run at all).
 */
public final class JobScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);
    private static final Duration REVIVE_EVERY = Duration.ofSeconds(1);
    /** How often the master is asked about tasks launched a while ago (an ACCEPT can be lost on the way). */
    static final Duration RECONCILE_EVERY = Duration.ofSeconds(30);
    private static final Set<String> FAILED = Set.of("TASK_FAILED", "TASK_LOST", "TASK_ERROR", "TASK_DROPPED",
            "TASK_GONE", "TASK_GONE_BY_OPERATOR");
    private static final Set<String> ACTIVE = Set.of("TASK_STAGING", "TASK_STARTING", "TASK_RUNNING");

    private record Running(TaskId id, String agentId, Instant since) {
    }

    private final JobStore store;
    private final Framework framework;
    private final Clock clock;
    private final Duration failureRetry;
    private final Map<String, Job> jobs = new TreeMap<>();
    private final List<PendingRun> queue = new ArrayList<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Set<String> awaitingAsync = new HashSet<>();
    private final JobGraph graph = new JobGraph();
    private final JobStats stats = new JobStats();
    private Instant lastRevive = Instant.EPOCH;
    private Instant lastReconcile;

    public JobScheduler(JobStore store, Framework framework, Clock clock, Duration failureRetry) {
        this.store = store;
        this.framework = framework;
        this.clock = clock;
        this.failureRetry = failureRetry;
    }

    public void load() {
        store.jobs().forEach(j -> jobs.put(j.name(), j));
    }

    /** After (re)subscribing: the master tells the state of every task of the framework, a new leader's included. */
    public void reconcile() {
        lastReconcile = clock.instant();
        framework.reconcile(Map.of());
    }

    public List<Job> jobs() {
        return List.copyOf(jobs.values());
    }

    public Optional<Job> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    public ObjectNode stats(String name) {
        return stats.view(existing(name));
    }

    public String dot() {
        return JobGraph.dot(jobs.values());
    }

    /** The runs waiting for an offer, oldest first (for tests and the benchmark). */
    public List<PendingRun> queued() {
        return List.copyOf(queue);
    }

    /** Adds or replaces a job; a replaced dependent job that now has a schedule loses its parents. */
    public void put(Job job) {
        if (!job.scheduled()) {
            JobGraph.checkParents(job, jobs);
            save(job.keepingStateOf(job(job.name())));
            return;
        }
        // slots before the job was posted were not missed: they are passed over without being counted
        Instant now = clock.instant();
        Job posted = job.keepingStateOf(job(job.name()));
        save(Schedule.parse(job.schedule(), job.scheduleTimeZone(), now)
                .map(s -> Cadence.catchUp(s, job.epsilon(), now))
                .filter(caughtUp -> caughtUp.skipped() > 0)
                .map(caughtUp -> posted.withSchedule(caughtUp.schedule().text())).orElse(posted));
    }

    public void delete(String name) {
        Job job = existing(name);
        for (Job child : JobGraph.orphansOf(job, jobs.values())) {
            save(child);
        }
        killTasks(name);
        store.remove(name);
        jobs.remove(name);
        graph.forget(name);
        stats.forget(name);
    }

    /** {@code PUT /v1/scheduler/job/NAME}: a run now, whatever the schedule (and even when disabled, as Chronos). */
    public void runNow(String name, String arguments) {
        Job job = existing(name);
        Instant now = clock.instant();
        enqueue(new TaskId(now, 0, name, arguments == null ? "" : arguments), now, job);
    }

    /** {@code PUT /v1/scheduler/job/success/NAME}: counts a success and runs the dependents, as if the job had run. */
    public boolean markSuccess(String name) {
        Job job = jobs.get(name);
        if (job != null) {
            countSuccess(job);
        }
        return job != null;
    }

    /** Kills the job's tasks and drops its waiting runs. */
    public void killTasks(String name) {
        if (!jobs.containsKey(name)) {
            throw ChronosException.apiResult("requirement failed: JobSchedule '" + name + "' not found");
        }
        queue.removeIf(r -> r.jobName().equals(name));
        running.forEach((taskId, r) -> {
            if (r.id().jobName().equals(name)) {
                framework.kill(taskId, r.agentId());
            }
        });
    }

    /** An asynchronous job's report of its end ({@code statusCode} 0: success). */
    public void asyncFinished(String taskId, int statusCode) {
        TaskId id = TaskId.parse(taskId).orElseThrow(() -> ChronosException.message("Invalid task id " + taskId));
        awaitingAsync.remove(taskId);
        running.remove(taskId);
        if (statusCode == 0) {
            succeeded(id);
        } else {
            failed(id);
        }
    }

    /** Queues the slots that are due, counts those missed beyond epsilon, and drops runs that waited too long. */
    public void tick() {
        Instant now = clock.instant();
        for (Job job : List.copyOf(jobs.values())) {
            if (job.scheduled() && !job.disabled()) {
                planSlots(job, now);
            }
        }
        for (Iterator<PendingRun> it = queue.iterator(); it.hasNext(); ) {
            PendingRun run = it.next();
            if (run.expired(now)) {
                it.remove();
                job(run.jobName()).ifPresent(j -> save(j.withSkipped(1)));
                LOG.info("Skipped {}: not launched within epsilon", run.taskId().value());
            }
        }
        if (lastReconcile != null && !now.isBefore(lastReconcile.plus(RECONCILE_EVERY))) {
            lastReconcile = now;
            Map<String, String> launched = new LinkedHashMap<>();
            running.forEach((taskId, r) -> {
                if (r.since().isBefore(now.minus(RECONCILE_EVERY))) {
                    launched.put(taskId, r.agentId());
                }
            });
            if (!launched.isEmpty()) {
                framework.reconcile(launched);
            }
        }
        boolean waiting = queue.stream().anyMatch(r -> r.ready(now) && launchable(jobs.get(r.jobName()), Set.of()));
        if (waiting && !now.isBefore(lastRevive.plus(REVIVE_EVERY))) {
            lastRevive = now;
            framework.revive();
        }
    }

    private void planSlots(Job job, Instant now) {
        Optional<Schedule> schedule = Schedule.parse(job.schedule(), job.scheduleTimeZone(), now);
        if (schedule.isEmpty()) {
            return;
        }
        Cadence.Plan plan = Cadence.plan(schedule.get(), job.epsilon(), now);
        while (plan.runNow() || plan.skipped() > 0) {
            Job next = job.withSchedule(plan.schedule().text()).withSkipped(plan.skipped());
            save(next);
            if (plan.skipped() > 0) {
                LOG.info("Job {} skipped {} run(s) missed by more than its epsilon", job.name(), plan.skipped());
            }
            if (!plan.runNow()) {
                return;
            }
            enqueue(new TaskId(plan.due(), 0, job.name(), ""), plan.due(), next);
            job = next;
            plan = Cadence.plan(plan.schedule(), job.epsilon(), now);
        }
    }

    private void enqueue(TaskId id, Instant notBefore, Job job) {
        queue.add(new PendingRun(id, notBefore, notBefore.plus(job.epsilon())));
        lastRevive = Instant.EPOCH;
    }

    private boolean launchable(Job job, Set<String> launching) {
        return job != null && (job.concurrent() || !launching.contains(job.name())
                && running.values().stream().noneMatch(r -> r.id().jobName().equals(job.name())));
    }

    /** Places the waiting runs that may start on the offers, in queue order; declines the offers left unused. */
    public void offers(JsonNode offers) {
        Instant now = clock.instant();
        for (JsonNode offer : offers) {
            OfferFit fit = new OfferFit(offer);
            List<ObjectNode> launches = new ArrayList<>();
            Set<String> launching = new HashSet<>();
            for (Iterator<PendingRun> it = queue.iterator(); it.hasNext(); ) {
                PendingRun run = it.next();
                Job job = jobs.get(run.jobName());
                if (job == null) {
                    it.remove();
                } else if (run.ready(now) && !run.expired(now) && launchable(job, launching) && fit.fits(job)) {
                    fit.take(job);
                    it.remove();
                    launching.add(job.name());
                    launches.add(TaskInfos.build(job, run.taskId(), fit));
                    LOG.debug("Launching {} on {}, {} ms after its slot", run.taskId().value(), fit.hostname,
                            Duration.between(run.taskId().due(), now).toMillis());
                    running.put(run.taskId().value(), new Running(run.taskId(), fit.agentId, now));
                    stats.started(job.name(), run.taskId().value(), fit.agentId, now);
                }
            }
            if (launches.isEmpty()) {
                LOG.debug("Declining offer {} ({} runs waiting)", fit.offerId, queue.size());
                framework.decline(fit.offerId);
            } else {
                framework.launch(fit.offerId, launches);
            }
        }
    }

    /** A task status update: running, finished (counted, dependents queued), failed (retried or counted). */
    public void update(JsonNode status) {
        framework.acknowledge(status);
        String taskId = status.path("task_id").path("value").asText();
        Optional<TaskId> parsed = TaskId.parse(taskId);
        if (parsed.isEmpty()) {
            return;
        }
        TaskId id = parsed.get();
        String state = status.path("state").asText();
        String agentId = status.path("agent_id").path("value").asText("");
        if (job(id.jobName()).map(j -> j.counted(taskId)).orElse(false)) {
            running.remove(taskId);
            return;
        }
        if (ACTIVE.contains(state)) {
            Running was = running.put(taskId, new Running(id, agentId, clock.instant()));
            if (was == null) {
                stats.started(id.jobName(), taskId, agentId, clock.instant());
            }
            return;
        }
        if (running.remove(taskId) == null && !state.equals("TASK_FINISHED") && !FAILED.contains(state)) {
            return;
        }
        if (state.equals("TASK_FINISHED")) {
            if (job(id.jobName()).map(Job::async).orElse(false)) {
                awaitingAsync.add(taskId);
            } else {
                succeeded(id);
            }
        } else if (FAILED.contains(state)) {
            failed(id);
        } else if (jobs.containsKey(id.jobName())) {
            stats.ended(id.jobName(), taskId, clock.instant(), false);
        }
    }

    private void succeeded(TaskId id) {
        Job job = jobs.get(id.jobName());
        if (job != null && !job.counted(id.value())) {
            stats.ended(job.name(), id.value(), clock.instant(), true);
            countSuccess(job.withCounted(id.value()));
        }
    }

    /** A success counted: the job's counts, a finished schedule disabled (as Chronos does), its dependents queued. */
    private void countSuccess(Job job) {
        Instant now = clock.instant();
        Job done = job.withSuccess(now);
        if (done.scheduled() && Schedule.parse(done.schedule(), done.scheduleTimeZone(), now)
                .map(Schedule::exhausted).orElse(false)) {
            done = done.withDisabled(true);
        }
        save(done);
        dependentsOf(job.name(), now);
    }

    private void failed(TaskId id) {
        Job job = jobs.get(id.jobName());
        if (job == null || job.counted(id.value())) {
            return;
        }
        Instant now = clock.instant();
        stats.ended(job.name(), id.value(), now, false);
        if (job.retriesAfter(id.attempt())) {
            Instant at = now.plus(failureRetry);
            LOG.info("Retrying {} (attempt {}) at {}", job.name(), id.attempt() + 1, at);
            save(job.withCounted(id.value()));
            enqueue(new TaskId(at, id.attempt() + 1, job.name(), id.arguments()), at, job);
            return;
        }
        save(job.withCounted(id.value()).withError(now));
        if (job.softError()) {
            dependentsOf(job.name(), now);
        }
    }

    private void dependentsOf(String parent, Instant now) {
        for (Job child : graph.parentSucceeded(parent, jobs.values())) {
            enqueue(new TaskId(now, 0, child.name(), ""), now, child);
        }
    }

    private Job existing(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw ChronosException.message("Job '" + name + "' not found");
        }
        return job;
    }

    private void save(Job job) {
        store.put(job);
        jobs.put(job.name(), job);
    }
}
