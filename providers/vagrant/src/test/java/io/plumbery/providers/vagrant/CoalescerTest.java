package io.plumbery.providers.vagrant;

import io.plumbery.providers.ProviderException;
import io.plumbery.providers.host.Exec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoalescerTest {

    private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());

    private Exec.Result record(List<String> machines) {
        calls.add(machines);
        return new Exec.Result(0, String.join(" ", machines), "");
    }

    @Test
    void concurrentRequestsBecomeOneCall() throws Exception {
        Coalescer coalescer = new Coalescer(Duration.ofMillis(200), Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch ready = new CountDownLatch(4);
        try {
            List<Future<Exec.Result>> results = new ArrayList<>();
            for (String m : List.of("a", "b", "c", "d")) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    ready.await(5, TimeUnit.SECONDS);
                    return coalescer.submit("up", m, this::record, Duration.ofSeconds(5));
                }));
            }
            for (Future<Exec.Result> r : results) {
                assertEquals(4, r.get(10, TimeUnit.SECONDS).out().split(" ").length, "every caller sees the one call");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(List.of("a", "b", "c", "d"), calls.get(0).stream().sorted().toList());
    }

    @Test
    void differentVerbsAndLaterRequestsAreSeparateCalls() throws Exception {
        Coalescer coalescer = new Coalescer(Duration.ofMillis(20), Duration.ofSeconds(1));
        coalescer.submit("up", "a", this::record, Duration.ofSeconds(5));
        coalescer.submit("up", "b", this::record, Duration.ofSeconds(5));
        coalescer.submit("halt", "a", this::record, Duration.ofSeconds(5));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("a")), calls);
    }

    @Test
    void aFailedCallFailsEveryCallerWithItsReason() {
        Coalescer coalescer = new Coalescer(Duration.ofMillis(20), Duration.ofSeconds(1));
        ProviderException e = assertThrows(ProviderException.class, () -> coalescer.submit("up", "a",
                machines -> {
                    throw new ProviderException("vagrant is broken");
                }, Duration.ofSeconds(5)));
        assertEquals("vagrant is broken", e.getMessage());
        assertTrue(calls.isEmpty());
    }
}
