package io.plumbery.runtime.chronos.api;

import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.JobParser;
import io.plumbery.runtime.chronos.scheduler.ChronosLeader;
import io.plumbery.runtime.http.Tls;
import io.plumbery.runtime.protocol.Json;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chronos's REST API as one Jetty handler. {@code GET /leader} is answered by every instance; the rest by the leader,
 * to which the others redirect (307, as {@code curl -L} in Chronos's examples follows), or 503 while none leads.
 */
public final class ChronosApi extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ChronosApi.class);
    static final String BASE = "/v1/scheduler";

    private final Leadership leadership;
    private final SchedulerResource resource;
    private final Tls tls = Tls.forProcess();

    public ChronosApi(Leadership leadership, JobParser parser, Clock clock) {
        this.leadership = leadership;
        this.resource = new SchedulerResource(parser, clock);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ApiCall call = new ApiCall(request, response, callback);
        try {
            if (call.path().equals("/leader") && call.method().equals("GET")) {
                call.json(200, Json.object().put("leader", leadership.leader().orElse("")));
            } else if (!call.path().startsWith(BASE + "/")) {
                call.text(404, "text/plain; charset=utf-8", "Not found: " + call.path());
            } else {
                Optional<ChronosLeader> leader = leadership.leading();
                if (leader.isPresent()) {
                    resource.handle(call, call.path().substring(BASE.length()), leader.get());
                } else {
                    notLeading(call);
                }
            }
        } catch (ChronosException e) {
            if (e.contentType() == null) {
                call.empty(e.status());
            } else {
                call.text(e.status(), e.contentType(), e.body());
            }
        } catch (Exception e) {
            LOG.warn("{} {} failed", call.method(), call.path(), e);
            call.empty(500);
        }
        return true;
    }

    private void notLeading(ApiCall call) {
        Optional<String> leader = leadership.leader();
        if (leader.isEmpty()) {
            call.text(503, "text/plain; charset=utf-8", "No leader elected");
        } else {
            call.redirect(tls.url(leader.get()) + call.pathAndQuery());
        }
    }
}
