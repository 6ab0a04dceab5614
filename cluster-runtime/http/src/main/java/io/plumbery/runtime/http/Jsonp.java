package io.plumbery.runtime.http;

import io.plumbery.runtime.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A JSON answer as Mesos's legacy endpoints give it: {@code ?jsonp=CALLBACK} wraps it as {@code CALLBACK(json)}, the
 * way the Mesos UI reads agents, which are other origins than the master's page.
 */
public final class Jsonp {
    /**
     * A dotted path of JavaScript identifiers ({@code angular.callbacks._0}, {@code jQuery1_2}). Mesos writes any
     * callback as given; anything else here is refused, so a link can't make an endpoint answer a script of its own.
     */
    private static final Pattern CALLBACK =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final int MAX_CALLBACK = 128;

    private Jsonp() {
    }

    /** Answers 400 (through the router) for a callback that is not a plain identifier path. */
    public static void ok(Exchange ex, Object value) {
        encoded(ex, Json.bytes(value));
    }

    /** JSON already written, as {@link #ok}. */
    public static void encoded(Exchange ex, byte[] json) {
        String callback = ex.query("jsonp");
        if (callback == null) {
            ex.bytes(200, "application/json", json);
            return;
        }
        if (callback.length() > MAX_CALLBACK || !CALLBACK.matcher(callback).matches()) {
            throw new IllegalArgumentException("Invalid 'jsonp': a callback is a JavaScript identifier path");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(json.length + callback.length() + 2);
        body.writeBytes(callback.getBytes(StandardCharsets.UTF_8));
        body.write('(');
        body.writeBytes(json);
        body.write(')');
        ex.bytes(200, "text/javascript", body.toByteArray());
    }
}
