package io.plumbery.runtime.chronos.job;

import io.plumbery.runtime.protocol.Json;

/** A refusal with the status and body Chronos answers it with: its ApiResult JSON, a bare message, or nothing. */
public final class ChronosException extends RuntimeException {
    private final int status;
    private final String contentType;
    private final String body;

    private ChronosException(int status, String contentType, String body) {
        super(body);
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    /** 400 with Chronos's {@code {"status":"Bad Request","message":...}}. */
    public static ChronosException apiResult(String message) {
        return new ChronosException(400, "application/json",
                Json.object().put("status", "Bad Request").put("message", message).toString());
    }

    /** 400 with the message alone, as the resources that answer {@code ex.getMessage} do. */
    public static ChronosException message(String message) {
        return new ChronosException(400, "text/plain; charset=utf-8", message);
    }

    public static ChronosException notFound(String path) {
        return new ChronosException(404, "text/plain; charset=utf-8", "Not found: " + path);
    }

    /** 500 without a body, as Chronos answers the failures it does not name. */
    public static ChronosException serverError(String why) {
        return new ChronosException(500, null, why);
    }

    public int status() {
        return status;
    }

    /** Null when the answer has no body. */
    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }
}
