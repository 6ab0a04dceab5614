package io.plumbery.runtime.marathon.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import io.plumbery.runtime.marathon.core.MarathonTask;
import io.plumbery.runtime.marathon.core.Snapshot;
import io.plumbery.runtime.marathon.model.MarathonJson;
import java.util.List;
import java.util.Optional;

/**
 * About the instance and its leadership: {@code /ping} and {@code GET /v2/leader} on every instance;
 * {@code /v2/info}, {@code DELETE /v2/leader} (abdicate) and {@code /metrics} on the leader.
 */
final class InfoResource implements RouteTable.Resource {
    static final String VERSION = "1.11.0";
    private final Leadership leadership;

    InfoResource(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.everyInstance(RouteTable.ANY, "/ping", (call, none) -> call.text(200, "pong")),
                Route.everyInstance("GET", "/v2/leader", (call, none) -> leader(call)),
                Route.leader(RouteTable.ANY, "/v2/info", (call, scheduler) -> call.json(200, info(scheduler))),
                Route.leader("DELETE", "/v2/leader", (call, scheduler) -> abdicate(call)),
                Route.leader(RouteTable.ANY, "/metrics",
                        (call, scheduler) -> call.json(200, metrics(scheduler.operations().snapshot()))));
    }

    private void leader(HttpCall call) {
        Optional<String> leader = leadership.leader();
        if (leader.isEmpty()) {
            call.message(404, "There is no leader");
        } else {
            call.json(200, MarathonJson.object().put("leader", leader.get()));
        }
    }

    private void abdicate(HttpCall call) {
        call.message(200, "Leadership abdicated");
        leadership.abdicate();
    }

    private ObjectNode info(MarathonScheduler scheduler) {
        ObjectNode out = MarathonJson.object().put("name", "marathon").put("version", VERSION)
                .put("buildref", "plumbery").put("elected", leadership.isLeader())
                .put("leader", leadership.leader().orElse(null)).put("frameworkId", scheduler.frameworkId());
        out.setAll(leadership.config());
        scheduler.callbacks().ifPresentOrElse(c -> {
            ArrayNode endpoints = out.putObject("event_subscriber").put("type", "http_callback")
                    .putArray("http_endpoints");
            c.endpoints().forEach(endpoints::add);
        }, () -> out.putNull("event_subscriber"));
        return out;
    }

    private static ObjectNode metrics(Snapshot snap) {
        ObjectNode out = MarathonJson.object().put("version", "4.0.0");
        ObjectNode gauges = out.putObject("gauges");
        gauges.putObject("marathon.apps.active.gauge").put("value", snap.apps().size());
        gauges.putObject("marathon.tasks.running.gauge").put("value",
                snap.tasks().stream().filter(MarathonTask::isRunning).count());
        gauges.putObject("marathon.tasks.staged.gauge").put("value",
                snap.tasks().stream().filter(t -> !t.isRunning()).count());
        gauges.putObject("marathon.deployments.active.gauge").put("value", snap.deployments().size());
        gauges.putObject("marathon.instances.launch-overdue.gauge").put("value",
                snap.queue().stream().mapToInt(q -> q.path("count").asInt()).sum());
        gauges.putObject("marathon.mesos.subscribed.gauge").put("value", snap.subscribed() ? 1 : 0);
        out.putObject("counters");
        out.putObject("histograms");
        out.putObject("meters");
        out.putObject("timers");
        return out;
    }
}
