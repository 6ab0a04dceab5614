package io.plumbery.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.protocol.Json;
import java.net.http.HttpResponse;

/** Operator calls of the tests, as a person with curl makes them: v1 JSON calls and answers as "STATUS BODY". */
final class OperatorCalls {
    private OperatorCalls() {
    }

    /** "200 " for an empty OK, "400 the reason" for a refusal. */
    static String answer(HttpResponse<String> r) {
        return r.statusCode() + " " + r.body();
    }

    /** A v1 operator call that must succeed; its answer. */
    static JsonNode v1(String endpoint, String call) throws Exception {
        HttpResponse<String> r = Cluster.post(endpoint, "/api/v1", call);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }
}
