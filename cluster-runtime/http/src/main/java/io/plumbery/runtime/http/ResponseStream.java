package io.plumbery.runtime.http;

import io.plumbery.runtime.protocol.RecordIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

/**
 * A chunked response of RecordIO records written by one thread at a time; each write waits (bounded) for the previous
 * one.
 */
public final class ResponseStream implements AutoCloseable {
    private static final long WRITE_TIMEOUT_SECONDS = 30;
    private final Response response;
    private final Callback done;
    private final AnswerEncoding encoding;
    private boolean closed;
    private volatile Runnable onFailure = () -> { };

    ResponseStream(Response response, Callback done, AnswerEncoding encoding) {
        this.response = response;
        this.done = done;
        this.encoding = encoding;
    }

    /** Writes one record, given as JSON, in the stream's encoding and framed. */
    public void writeRecord(byte[] json) throws IOException {
        write(RecordIo.frame(encoding == null ? json : encoding.record(json)));
    }

    /** Writes bytes as they are: the chunks of a raw stream ({@link Exchange#rawStream}). */
    public void writeRaw(byte[] bytes) throws IOException {
        write(bytes);
    }

    private synchronized void write(byte[] bytes) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        FutureCallback written = new FutureCallback();
        response.write(false, ByteBuffer.wrap(bytes), written);
        try {
            written.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
        } catch (ExecutionException | TimeoutException e) {
            closed = true;
            done.failed(e);
            throw new IOException("write failed", e);
        }
    }

    /** Called once if the client goes away (connection failure), even while nothing is being written. */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    void failed(Throwable cause) {
        synchronized (this) {
            closed = true;
        }
        onFailure.run();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            response.write(true, ByteBuffer.allocate(0), done);
        }
    }
}
