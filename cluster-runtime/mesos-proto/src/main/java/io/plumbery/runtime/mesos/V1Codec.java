package io.plumbery.runtime.mesos;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.plumbery.runtime.http.AnswerEncoding;
import io.plumbery.runtime.http.Exchange;
import io.plumbery.runtime.http.Router.Route;
import io.plumbery.runtime.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Serves a v1 endpoint in both of Mesos's encodings, around a handler that speaks JSON. A request body is read by its
 * {@code Content-Type}: {@code application/json} goes to the handler as sent, {@code application/x-protobuf} is parsed
 * into the endpoint's call message and handed over as protobuf's JSON for it; anything else is 415. Answers and
 * stream records are written in what {@code Accept} allows, JSON first, as Mesos chooses; 406 when it allows neither,
 * for the calls that answer with a body. Status codes and plain-text error bodies are Mesos's.
 */
public final class V1Codec {
    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/x-protobuf";
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .omittingInsignificantWhitespace();

    private final Message call;
    private final AnswerEncoding protobufAnswers;
    private final Set<String> callsWithBody;

    private V1Codec(Message call, Message answer, Message record, Set<String> callsWithBody) {
        this.call = call;
        this.protobufAnswers = new ProtobufAnswers(answer, record);
        this.callsWithBody = callsWithBody;
    }

    /** {@code /api/v1/scheduler}: answers only SUBSCRIBE (a stream of events) and RECONCILE_OPERATIONS with a body. */
    public static V1Codec scheduler() {
        return new V1Codec(org.apache.mesos.v1.scheduler.Protos.Call.getDefaultInstance(),
                org.apache.mesos.v1.scheduler.Protos.Response.getDefaultInstance(),
                org.apache.mesos.v1.scheduler.Protos.Event.getDefaultInstance(),
                Set.of("SUBSCRIBE", "RECONCILE_OPERATIONS"));
    }

    /** The master's operator API {@code /api/v1}: every call answers with a body, SUBSCRIBE with a stream. */
    public static V1Codec masterOperator() {
        return new V1Codec(org.apache.mesos.v1.master.Protos.Call.getDefaultInstance(),
                org.apache.mesos.v1.master.Protos.Response.getDefaultInstance(),
                org.apache.mesos.v1.master.Protos.Event.getDefaultInstance(), null);
    }

    /** The agent's operator API {@code /api/v1}: every call answers with a body; its streams carry process output. */
    public static V1Codec agentOperator() {
        return new V1Codec(org.apache.mesos.v1.agent.Protos.Call.getDefaultInstance(),
                org.apache.mesos.v1.agent.Protos.Response.getDefaultInstance(),
                org.apache.mesos.v1.agent.Protos.ProcessIO.getDefaultInstance(), null);
    }

    /** {@code handler}, served in both encodings. Other methods than POST go to it untouched (it answers 405). */
    public Route around(Route handler) {
        return ex -> {
            if (!"POST".equals(ex.method())) {
                handler.handle(ex);
                return;
            }
            String contentType = mediaType(ex.header("Content-Type"));
            byte[] body = ex.bodyBytes();
            Message parsed = null;
            if (PROTOBUF.equals(contentType)) {
                try {
                    parsed = call.getParserForType().parseFrom(body);
                } catch (InvalidProtocolBufferException e) {
                    ex.text(400, "Failed to parse body into Call protobuf");
                    return;
                }
                body = PRINTER.print(parsed).getBytes(StandardCharsets.UTF_8);
            } else if (contentType != null && !JSON.equals(contentType)) {
                ex.text(415, "Expecting 'Content-Type' of " + JSON + " or " + PROTOBUF);
                return;
            }
            String accept = ex.header("Accept");
            AnswerEncoding answers = null;
            if (!AcceptHeader.allows(accept, JSON)) {
                if (AcceptHeader.allows(accept, PROTOBUF)) {
                    answers = protobufAnswers;
                } else if (answersWithBody(parsed, body)) {
                    ex.text(406, "Expecting 'Accept' to allow '" + PROTOBUF + "' or '" + JSON + "'");
                    return;
                }
            }
            handler.handle(ex.transcoded(body, answers));
        };
    }

    private boolean answersWithBody(Message parsed, byte[] json) {
        if (callsWithBody == null) {
            return true;
        }
        return callsWithBody.contains(parsed != null ? typeOf(parsed) : typeOf(json));
    }

    private static String typeOf(Message parsed) {
        FieldDescriptor type = parsed.getDescriptorForType().findFieldByName("type");
        return parsed.hasField(type) ? String.valueOf(parsed.getField(type)) : "UNKNOWN";
    }

    private static String typeOf(byte[] json) {
        JsonNode tree = Json.parse(new String(json, StandardCharsets.UTF_8));
        return tree.path("type").asText("UNKNOWN");
    }

    /** The media type of a {@code Content-Type}, without parameters ({@code charset}), or null when there is none. */
    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
