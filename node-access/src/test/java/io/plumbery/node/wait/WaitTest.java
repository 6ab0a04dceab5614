package io.plumbery.node.wait;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitTest {

    /** Records the pauses it is asked for and returns at once. */
    private final List<Duration> pauses = new ArrayList<>();
    private final Wait.Sleeper recording = pauses::add;

    @Test
    void backoffDoublesUpToItsCeiling() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(250), 2, Duration.ofSeconds(1));
        assertEquals(List.of(250L, 500L, 1000L, 1000L), List.of(1, 2, 3, 9).stream()
                .map(backoff::after).map(Duration::toMillis).toList());
        assertEquals(List.of(500L, 1500L, 4500L), List.of(1, 2, 3).stream()
                .map(Backoff.exponential(Duration.ofMillis(500), 3)::after).map(Duration::toMillis).toList());
        assertEquals(Duration.ofMillis(200), Backoff.fixed(Duration.ofMillis(200)).after(7));
    }

    @Test
    void theWaitPausesAsItsBackoffGrows() {
        Wait.Result<Boolean> result = Wait.upTo(5).pausing(Backoff.exponential(Duration.ofMillis(100), 2,
                Duration.ofMillis(500))).sleeper(recording).until(() -> false, done -> done);
        assertFalse(result.done());
        assertEquals(5, result.attempts());
        assertEquals(List.of(100L, 200L, 400L, 500L), pauses.stream().map(Duration::toMillis).toList(),
                "a pause between attempts, none after the last");
    }

    @Test
    void boundedByAttemptsItReportsTheLastFailure() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Wait.Result<String> result = Wait.upTo(3, Duration.ofMinutes(1)).sleeper(recording)
                .retryingOn(e -> e instanceof IOException)
                .retry(() -> {
                    throw new IOException("refused " + calls.incrementAndGet());
                });
        assertFalse(result.done());
        assertEquals(3, result.attempts());
        assertEquals(3, calls.get());
        assertEquals("refused 3", result.failure().getMessage());
        assertNull(result.last());
    }

    @Test
    void boundedByTimeTheLastAttemptIsAtTheDeadline() {
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();
        Wait.Result<Integer> result = Wait.polling(Duration.ofMillis(300), Duration.ofMillis(40))
                .until(calls::incrementAndGet, n -> false);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertFalse(result.done());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0 && took.compareTo(Duration.ofSeconds(3)) < 0,
                "took " + took);
        assertTrue(result.attempts() >= 3 && result.attempts() <= 9, "attempts " + result.attempts());
        assertEquals(result.attempts(), result.last(), "the last value seen is reported");
    }

    @Test
    void aPauseNeverEndsPastTheDeadline() {
        List<Duration> slept = new ArrayList<>();
        Wait.Result<Boolean> result = Wait.upTo(100, Duration.ofMillis(1000)).pausing(Backoff.fixed(Duration.ofMillis(700)))
                .sleeper(d -> {
                    slept.add(d);
                    Thread.sleep(d.toMillis());
                }).until(() -> false, done -> done);
        assertFalse(result.done());
        assertEquals(2, slept.size(), "one full pause, then the rest of the time: " + slept);
        assertEquals(Duration.ofMillis(700), slept.get(0));
        assertTrue(slept.get(1).compareTo(Duration.ofMillis(300)) <= 0, "clipped to the deadline: " + slept);
        assertEquals(3, result.attempts(), "one more attempt at the deadline");
    }

    @Test
    void aSuccessEndsTheWaitWithItsValue() {
        AtomicInteger calls = new AtomicInteger();
        Wait.Result<Integer> result = Wait.upTo(10).sleeper(recording).until(calls::incrementAndGet, n -> n == 3);
        assertTrue(result.done());
        assertEquals(3, result.last());
        assertEquals(3, result.attempts());
        assertTrue(Wait.upTo(1).until(() -> true));
    }

    @Test
    void anExceptionItDoesNotRetryEndsTheWaitAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        IOException fatal = new IOException("host key changed");
        IOException thrown = assertThrows(IOException.class, () -> Wait.upTo(10).sleeper(recording)
                .retryingOn(e -> e instanceof IllegalStateException)
                .retry(() -> {
                    calls.incrementAndGet();
                    throw fatal;
                }));
        assertSame(fatal, thrown);
        assertEquals(1, calls.get());
        assertTrue(pauses.isEmpty());
    }

    @Test
    void theListenerHearsOfEachRetryBeforeItsPause() {
        List<String> heard = new ArrayList<>();
        Wait.upTo(3).sleeper(recording).retryingOn(e -> true).until(() -> {
            throw new IllegalStateException("down");
        }, value -> true, (attempt, value, failure) -> heard.add(attempt + ": " + failure.getMessage()));
        assertEquals(List.of("1: down", "2: down"), heard, "not after the last attempt: nothing follows it");
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        Wait.Result<Boolean> result = Wait.upTo(5).sleeper(d -> {
            throw new InterruptedException();
        }).until(() -> false, done -> done);
        assertTrue(Thread.interrupted(), "the flag is set again (and cleared here)");
        assertTrue(result.interrupted());
        assertFalse(result.done());
        assertEquals(1, result.attempts());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Wait.upTo(0));
        assertThrows(IllegalArgumentException.class, () -> Wait.upTo(1, Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> Backoff.exponential(Duration.ofSeconds(1), 0.5));
    }
}
