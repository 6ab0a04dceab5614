package io.plumbery.runtime.agent;

import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.protocol.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A JSON answer as Mesos's legacy endpoints give it: {@code ?jsonp=CALLBACK} wraps it as {@code CALLBACK(json)}. */
final class Jsonp {
    private Jsonp() {
    }

    static void ok(Exchange ex, Object value) {
        ok(ex, Json.bytes(value));
    }

    static void ok(Exchange ex, byte[] json) {
        String callback = ex.query("jsonp");
        if (callback == null) {
            ex.bytes(200, "application/json", json);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(json.length + callback.length() + 2);
        body.writeBytes(callback.getBytes(StandardCharsets.UTF_8));
        body.write('(');
        body.writeBytes(json);
        body.write(')');
        ex.bytes(200, "text/javascript", body.toByteArray());
    }
}
