package io.plumbery.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Exchange;

/** Some calls of the v1 agent API ({@code /api/v1}), answered by one class each group. */
interface V1Calls {

    /** Answers the call and returns true when it is one of this group's; false, answering nothing, otherwise. */
    boolean answer(String type, JsonNode call, Exchange ex) throws Exception;

    default V1Calls or(V1Calls next) {
        return (type, call, ex) -> answer(type, call, ex) || next.answer(type, call, ex);
    }
}
