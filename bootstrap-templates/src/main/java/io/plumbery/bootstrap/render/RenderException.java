package io.plumbery.bootstrap.render;

/** Thrown when a template fails to render; carries the {@link RenderError} value. */
public final class RenderException extends RuntimeException {
    private final transient RenderError error;

    public RenderException(RenderError error, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
    }

    public RenderError error() {
        return error;
    }
}
