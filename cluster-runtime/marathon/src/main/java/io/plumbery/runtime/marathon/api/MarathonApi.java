package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.api.RouteTable.Route;
import io.plumbery.runtime.marathon.core.MarathonException;
import io.plumbery.runtime.marathon.core.MarathonScheduler;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marathon's REST API (v2, 1.x shapes) as one Jetty handler over a {@link RouteTable} of resources. Only the leader
 * answers; other instances proxy to it ({@link LeaderProxy}). {@code /ping} and {@code GET /v2/leader} are answered
 * by every instance. A {@link MarathonException} becomes its status and body, any other failure a 500.
 */
public final class MarathonApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(MarathonApi.class);
    private final Leadership leadership;
    private final RouteTable routes;
    private final LeaderProxy proxy = new LeaderProxy();

    public MarathonApi(Leadership leadership) {
        this.leadership = leadership;
        this.routes = routes(leadership);
    }

    static RouteTable routes(Leadership leadership) {
        return new RouteTable(List.of(new AppsResource(), new TasksResource(), new DeploymentsResource(),
                new QueueResource(), new GroupsResource(), new InfoResource(leadership),
                new EventsResource(leadership), new EventSubscriptionsResource()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpCall call = new HttpCall(request, response, callback);
        try {
            Optional<Route> route = routes.find(call.method(), call.path());
            if (route.isPresent() && !route.get().leaderOnly()) {
                route.get().handler().handle(call, null);
                return true;
            }
            MarathonScheduler scheduler = leadership.isLeader() ? leadership.scheduler() : null;
            if (scheduler == null) {
                notLeading(call);
            } else if (route.isEmpty()) {
                call.notFound();
            } else {
                route.get().handler().handle(call, scheduler);
            }
        } catch (MarathonException e) {
            call.json(e.status(), e.body());
        } catch (Exception e) {
            LOG.warn("{} {} failed", call.method(), call.path(), e);
            call.message(500, String.valueOf(e.getMessage()));
        }
        return true;
    }

    private void notLeading(HttpCall call) throws Exception {
        Optional<String> leader = leadership.leader();
        if (leadership.isLeader() || leader.isEmpty() || call.header(LeaderProxy.VIA) != null) {
            call.message(503, "Could not determine the current leader");
        } else if (call.path().equals(EventsResource.PATH)) {
            proxy.stream(call, leader.get());
        } else {
            proxy.forward(call, leader.get());
        }
    }
}
