package io.plumbery.runtime.chronos.api;

import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.JobParser;
import io.plumbery.runtime.chronos.scheduler.ChronosLeader;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chronos's REST API as one Jetty handler. {@code GET /leader} is answered by every instance; the rest by the leader,
 * to which the others redirect (307, as {@code curl -L} in Chronos's examples follows), or 503 while none leads.
 * Failures are answered as Chronos answers them (its status and body, or an empty 500), never by the router.
 */
public final class ChronosApi extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(ChronosApi.class);
    static final String BASE = "/v1/scheduler";

    private final Leadership leadership;
    private final SchedulerResource resource;
    private final Tls tls = Tls.forProcess();

    public ChronosApi(Leadership leadership, JobParser parser, Clock clock) {
        this.leadership = leadership;
        this.resource = new SchedulerResource(parser, clock);
        // the last prefix takes what the others do not: Chronos names the path decoded, the router as sent
        setHandler(new Router().route(this::leader, "/leader").routeUnder(BASE + "/", this::scheduler)
                .routeUnder("/", ChronosApi::notFound));
    }

    private void leader(Exchange call) {
        if (call.method().equals("GET")) {
            call.json(200, Json.object().put("leader", leadership.leader().orElse("")));
        } else {
            notFound(call);
        }
    }

    private static void notFound(Exchange call) {
        call.text(404, "Not found: " + call.decodedPath());
    }

    private void scheduler(Exchange call) {
        try {
            Optional<ChronosLeader> leader = leadership.leading();
            if (leader.isPresent()) {
                resource.handle(call, call.decodedPath().substring(BASE.length()), leader.get());
            } else {
                notLeading(call);
            }
        } catch (ChronosException e) {
            if (e.contentType() == null) {
                call.empty(e.status());
            } else {
                call.bytes(e.status(), e.contentType(), e.body().getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed", call.method(), call.decodedPath(), e);
            call.empty(500);
        }
    }

    private void notLeading(Exchange call) {
        Optional<String> leader = leadership.leader();
        if (leader.isEmpty()) {
            call.text(503, "No leader elected");
        } else {
            call.redirect(tls.url(leader.get()) + call.pathAndQuery());
        }
    }
}
