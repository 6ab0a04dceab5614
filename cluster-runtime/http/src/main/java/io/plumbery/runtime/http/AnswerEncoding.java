package io.plumbery.runtime.http;

/**
 * The encoding a client reads answers in, when it is not the JSON the handlers write: each whole answer and each
 * record of an event stream is turned from the handler's JSON into it.
 */
public interface AnswerEncoding {
    String mediaType();

    /** One whole answer (a JSON document the handler wrote) in this encoding. */
    byte[] answer(byte[] json);

    /** One record of an event stream, before its RecordIO framing. */
    byte[] record(byte[] json);
}
