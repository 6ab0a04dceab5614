package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.Exchange;

/** Why a virtual path could not be browsed or read, answered with the status Mesos's files process gives it. */
final class FilesError extends Exception {

    enum Type {
        INVALID(400), NOT_FOUND(404), UNKNOWN(500);

        private final int status;

        Type(int status) {
            this.status = status;
        }
    }

    private final Type type;

    FilesError(Type type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    static FilesError notFound() {
        return new FilesError(Type.NOT_FOUND, "");
    }

    Type type() {
        return type;
    }

    void answer(Exchange ex) {
        ex.text(type.status, getMessage());
    }
}
