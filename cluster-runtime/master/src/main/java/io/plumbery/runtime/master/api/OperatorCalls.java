package io.plumbery.runtime.master.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbery.runtime.http.Exchange;

/** A group of v1 operator calls served beside {@link OperatorApi}'s own. */
public interface OperatorCalls {
    /** Answers the call if it is one of this group's; false otherwise. */
    boolean answer(String type, JsonNode call, Exchange ex) throws Exception;
}
