package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.SchedulerCalls;
import io.plumbery.runtime.protocol.Call;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.FrameworkInfo;
import io.plumbery.runtime.protocol.Json;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/scheduler}: calls as JSON (protobuf is turned into JSON before, see the master's routes); SUBSCRIBE
 * answers with a RecordIO event stream. Where frameworks authenticate, SUBSCRIBE's principal must be the authenticated
 * one (400 otherwise, in Mesos's words) and a framework id is answered only for the principal that owns it (403).
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
        FrameworkInfo info = call.subscribe().frameworkInfo();
        Optional<String> principal = ex.principal();
        if (principal.isPresent() && !principal.get().equals(info.principal())) {
            ex.text(400, "Authenticated principal '" + principal.get() + "' does not match principal '"
                    + (info.principal() == null ? "" : info.principal()) + "' set in `FrameworkInfo`");
            return;
        }
        Optional<String> forbidden = calls.notOwner(principal.orElse(null), info.id() == null ? null : info.id().value());
        if (forbidden.isPresent()) {
            ex.text(403, forbidden.get());
            return;
        }
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
        SchedulerCalls.Subscription s = calls.subscribe(call.subscribe().frameworkInfo(), stream, streamId);
        stream.start(s.frameworkId(), () -> calls.disconnected(s.frameworkId(), s.streamId()));
    }
}
