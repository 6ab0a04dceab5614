package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.FrameworkPrincipals;
import io.plumbery.runtime.master.SchedulerCalls;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/scheduler}: calls as JSON (protobuf is turned into JSON before, see the master's routes); SUBSCRIBE
 * answers with a RecordIO event stream. Where frameworks authenticate, the principals follow Mesos's rules
 * ({@link FrameworkPrincipals}): a SUBSCRIBE naming another principal is 400, one naming none takes the authenticated
 * one.
 */
public final class SchedulerApi {
    public static final String STREAM_ID = "Mesos-Stream-Id";
    private final SchedulerCalls calls;

    public SchedulerApi(SchedulerCalls calls) {
        this.calls = calls;
    }

    public void handle(Exchange ex) throws Exception {
        if (!"POST".equals(ex.method())) {
            ex.text(405, "Expecting a 'POST' request");
            return;
        }
        Call call = Json.read(ex.body(), Call.class);
        if (call.type() == Call.Type.SUBSCRIBE) {
            subscribe(ex, call);
            return;
        }
        if (ex.header(STREAM_ID) == null) {
            ex.text(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
            return;
        }
        SchedulerCalls.Result result = calls.call(ex.header(STREAM_ID), call, ex.principal().orElse(null));
        if (result.error() == null) {
            ex.empty(result.status());
        } else {
            ex.text(result.status(), result.error());
        }
    }

    private void subscribe(Exchange ex, Call call) {
        if (ex.header(STREAM_ID) != null) {
            ex.text(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
            return;
        }
        if (call.subscribe() == null || call.subscribe().frameworkInfo() == null) {
            ex.text(400, "Expecting 'subscribe' to be present");
            return;
        }
        String principal = ex.principal().orElse(null);
        Optional<String> mismatch = FrameworkPrincipals.subscribeMismatch(principal, call.subscribe().frameworkInfo());
        if (mismatch.isPresent()) {
            ex.text(400, mismatch.get());
            return;
        }
        FrameworkInfo info = FrameworkPrincipals.subscribing(principal, call.subscribe().frameworkInfo());
        String streamId = UUID.randomUUID().toString();
        Optional<String> unauthorized = calls.notAuthorizedToRegister(info);
        if (unauthorized.isPresent()) {
            // as Mesos answers a refused subscription: an ERROR event on the stream, which then ends
            SubscriptionStream refused = new SubscriptionStream(ex.stream(STREAM_ID, streamId));
            refused.send(Event.error(unauthorized.get()));
            refused.close();
            refused.start("refused", () -> { });
            return;
        }
        SubscriptionStream stream = new SubscriptionStream(ex.stream(STREAM_ID, streamId));
        SchedulerCalls.Subscription s = calls.subscribe(info, stream, streamId);
        stream.start(s.frameworkId(), () -> calls.disconnected(s.frameworkId(), s.streamId()));
    }
}
