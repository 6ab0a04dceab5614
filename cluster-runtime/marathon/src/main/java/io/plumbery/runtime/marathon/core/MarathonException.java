package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.marathon.model.MarathonJson;
import io.plumbery.runtime.marathon.model.Violation;
import java.util.List;

/** A request Marathon refuses: the HTTP status and Marathon's JSON body ({@code message}, maybe more). */
public final class MarathonException extends RuntimeException {
    private final int status;
    private final transient ObjectNode body;

    public MarathonException(int status, ObjectNode body) {
        super(body.path("message").asText());
        this.status = status;
        this.body = body;
    }

    public static MarathonException of(int status, String message) {
        return new MarathonException(status, MarathonJson.object().put("message", message));
    }

    /** Marathon's 422: {@code {"message":"Object is not valid","details":[{"path":...,"errors":[...]}]}}. */
    public static MarathonException invalid(List<Violation> violations) {
        ObjectNode body = MarathonJson.object().put("message", "Object is not valid");
        ArrayNode details = body.putArray("details");
        for (Violation v : violations) {
            ObjectNode d = details.addObject().put("path", v.path());
            ArrayNode errors = d.putArray("errors");
            v.errors().forEach(errors::add);
        }
        return new MarathonException(422, body);
    }

    public static MarathonException appNotFound(String id) {
        return of(404, "App '" + id + "' does not exist");
    }

    /** Marathon's 404 for a group. */
    public static MarathonException groupNotFound(String id) {
        return of(404, "Group '" + id + "' does not exist");
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }
}
