package io.plumbery.runtime.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.plumbery.runtime.http.AnswerEncoding;
import java.nio.charset.StandardCharsets;

/**
 * Answers in {@code application/x-protobuf}: the handler's JSON read into the endpoint's message (its answer, or its
 * event for stream records) by protobuf's own JSON mapping, then serialized. Fields the message does not have are
 * left out, as a protobuf client would not read them.
 */
final class ProtobufAnswers implements AnswerEncoding {
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final Message answer;
    private final Message record;

    ProtobufAnswers(Message answer, Message record) {
        this.answer = answer;
        this.record = record;
    }

    @Override
    public String mediaType() {
        return V1Codec.PROTOBUF;
    }

    @Override
    public byte[] answer(byte[] json) {
        return encode(answer, json);
    }

    @Override
    public byte[] record(byte[] json) {
        return encode(record, json);
    }

    private static byte[] encode(Message type, byte[] json) {
        Message.Builder builder = type.newBuilderForType();
        try {
            PARSER.merge(new String(json, StandardCharsets.UTF_8), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Answer does not map to " + type.getDescriptorForType().getFullName()
                    + ": " + e.getMessage(), e);
        }
        return builder.buildPartial().toByteArray();
    }
}
