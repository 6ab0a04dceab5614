package io.plumbery.runtime.chronos.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.Job;
import io.plumbery.runtime.chronos.job.JobParser;
import io.plumbery.runtime.chronos.scheduler.ChronosLeader;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The {@code /v1/scheduler} routes, each a call to the leader's scheduler: jobs added (204), listed, searched, run
 * now, marked successful, deleted, their tasks killed, their stats; an asynchronous task's end; the dependency graph
 * in DOT.
 */
final class SchedulerResource {
    private static final String JOB = "/job/";
    private static final String STAT = "/job/stat/";
    private static final String SUCCESS = "/job/success/";
    private static final String KILL = "/task/kill/";
    private static final String TASK = "/task/";

    private final JobParser parser;
    private final Clock clock;

    SchedulerResource(JobParser parser, Clock clock) {
        this.parser = parser;
        this.clock = clock;
    }

    void handle(Exchange call, String path, ChronosLeader leader) throws Exception {
        String method = call.method();
        if (method.equals("POST") && path.equals("/iso8601")) {
            Job job = parser.scheduled(call.body(), clock.instant());
            leader.call(s -> run(() -> s.put(job)));
            call.empty(204);
        } else if (method.equals("POST") && path.equals("/dependency")) {
            Job job = parser.dependent(call.body());
            leader.call(s -> run(() -> s.put(job)));
            call.empty(204);
        } else if (method.equals("GET") && path.equals("/jobs")) {
            call.json(200, views(leader.call(s -> s.jobs())));
        } else if (method.equals("GET") && path.equals("/jobs/search")) {
            call.json(200, views(search(leader.call(s -> s.jobs()), call)));
        } else if (method.equals("GET") && path.startsWith(STAT)) {
            String name = path.substring(STAT.length());
            call.json(200, leader.call(s -> s.stats(name)));
        } else if (method.equals("PUT") && path.startsWith(SUCCESS)) {
            String name = path.substring(SUCCESS.length());
            boolean marked = leader.call(s -> s.markSuccess(name));
            call.bytes(200, "application/json",
                    ("marked job " + name + " as successful: " + marked).getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("PUT") && path.startsWith(JOB)) {
            String name = path.substring(JOB.length());
            String arguments = call.query("arguments");
            leader.call(s -> run(() -> s.runNow(name, arguments)));
            call.empty(204);
        } else if (method.equals("DELETE") && path.startsWith(JOB)) {
            String name = path.substring(JOB.length());
            leader.call(s -> run(() -> s.delete(name)));
            call.empty(204);
        } else if (method.equals("DELETE") && path.startsWith(KILL)) {
            String name = path.substring(KILL.length());
            leader.call(s -> run(() -> s.killTasks(name)));
            call.empty(204);
        } else if (method.equals("PUT") && path.startsWith(TASK)) {
            String taskId = path.substring(TASK.length());
            JsonNode body = Json.parse(call.body());
            leader.call(s -> run(() -> s.asyncFinished(taskId, body.path("statusCode").asInt(0))));
            call.empty(204);
        } else if (method.equals("GET") && path.equals("/graph/dot")) {
            call.text(200, leader.call(s -> s.dot()));
        } else {
            throw ChronosException.notFound(path);
        }
    }

    private static Void run(Runnable action) {
        action.run();
        return null;
    }

    private static ArrayNode views(List<Job> jobs) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        jobs.forEach(j -> out.add(j.view()));
        return out;
    }

    /** Chronos's search: {@code name} and {@code command} contain the term, or {@code any} is in either; 10 by default. */
    private static List<Job> search(List<Job> jobs, Exchange call) {
        String name = lower(call.query("name"));
        String command = lower(call.query("command"));
        String any = lower(call.query("any"));
        int limit = number(call.query("limit"), 10);
        int offset = number(call.query("offset"), 0);
        return jobs.stream().filter(j -> {
            String n = j.name().toLowerCase(Locale.ROOT);
            String c = j.command().toLowerCase(Locale.ROOT);
            boolean valid = (name.isEmpty() || n.contains(name)) && (command.isEmpty() || c.contains(command));
            return valid || !any.isEmpty() && (n.contains(any) || c.contains(any));
        }).skip(offset).limit(limit).toList();
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static int number(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ChronosException.message("Not a number: " + value);
        }
    }
}
