package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.master.OperatorRecords;
import io.plumbery.runtime.protocol.Json;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The checks every v0 operator endpoint makes first, answered as Mesos answers them. */
final class Methods {
    private Methods() {
    }

    /** False (and 405 answered) unless the request's method is one of these. */
    static boolean allowed(Exchange ex, String... methods) {
        if (Arrays.asList(methods).contains(ex.method())) {
            return true;
        }
        ex.text(405, methods.length == 1 ? "Expecting a '" + methods[0] + "' request"
                : "Expecting one of { " + Arrays.stream(methods).map(m -> "'" + m + "'").collect(Collectors.joining(", "))
                + " }, but received '" + ex.method() + "'");
        return false;
    }

    /** The body as JSON, or null after answering 400 for a body that is not. */
    static JsonNode jsonBody(Exchange ex) throws java.io.IOException {
        try {
            return Json.parse(ex.body());
        } catch (RuntimeException e) {
            ex.text(400, "Failed to parse body into JSON: " + e.getMessage());
            return null;
        }
    }

    /** 200 with no body, or 400 with the text of a refused change. */
    static void done(Exchange ex, java.util.Optional<String> refused) {
        refused(ex, refused.map(text -> new io.plumbery.runtime.master.Refusal(400, text)));
    }

    /** As {@link #done}, for a change the registry keeps: 200 only once it is written (503 when it could not be). */
    static void stored(Exchange ex, OperatorRecords records, java.util.Optional<String> refused) {
        storedOr(ex, records, refused.map(text -> new io.plumbery.runtime.master.Refusal(400, text)));
    }

    /** As {@link #refused}, for a change the registry keeps (see {@link #stored}). */
    static void storedOr(Exchange ex, OperatorRecords records,
                         java.util.Optional<io.plumbery.runtime.master.Refusal> refusal) {
        refused(ex, refusal.isPresent() ? refusal : records.save());
    }

    /** 200 with no body, or the refusal's status and text. */
    static void refused(Exchange ex, java.util.Optional<io.plumbery.runtime.master.Refusal> refusal) {
        if (refusal.isPresent()) {
            ex.text(refusal.get().status(), refusal.get().message());
        } else {
            ex.empty(200);
        }
    }
}
