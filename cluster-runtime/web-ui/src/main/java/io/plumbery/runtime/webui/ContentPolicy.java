package io.plumbery.runtime.webui;

/**
 * The pages' Content-Security-Policy: their own files and this origin's APIs, nothing else (agents are read through the
 * master's {@code /agent/ID/} pages, on the same origin).
 */
final class ContentPolicy {
    static final String POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private ContentPolicy() {
    }
}
