package io.plumbery.runtime.master.api;

import io.plumbery.runtime.http.ResponseStream;
import io.plumbery.runtime.protocol.Event;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.state.FrameworkRecord;
import java.io.IOException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** An event stream: events written in order, as RecordIO records of the stream's encoding, by one writer thread. */
final class SubscriptionStream implements FrameworkRecord.EventSink {
    private static final byte[] END = new byte[0];

    private final ResponseStream stream;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onClosed = () -> { };

    SubscriptionStream(ResponseStream stream) {
        this.stream = stream;
    }

    void start(String name, Runnable whenClosed) {
        this.onClosed = whenClosed;
        stream.onFailure(this::close);
        Thread writer = new Thread(this::drain, "events-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void send(Event event) {
        sendJson(event);
    }

    /** Queues any JSON-mapped value as one record. */
    void sendJson(Object value) {
        if (!closed.get()) {
            queue.add(Json.bytes(value));
        }
    }

    boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.add(END);
        }
    }

    private void drain() {
        try {
            while (true) {
                byte[] next = queue.take();
                if (next == END) {
                    stream.close();
                    break;
                }
                stream.writeRecord(next);
            }
        } catch (IOException e) {
            closed.set(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClosed.run();
        }
    }
}
