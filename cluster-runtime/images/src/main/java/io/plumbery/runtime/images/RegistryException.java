package io.plumbery.runtime.images;

import java.io.IOException;

/** A registry's refusal, in the words of Mesos's puller ("Unexpected HTTP response '404 Not Found' when trying to"). */
public final class RegistryException extends IOException {
    private final int status;

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    static RegistryException of(int status, String what) {
        return new RegistryException(status, "Unexpected HTTP response '" + status + " " + reason(status)
                + "' when trying to " + what);
    }

    public int status() {
        return status;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }
}
