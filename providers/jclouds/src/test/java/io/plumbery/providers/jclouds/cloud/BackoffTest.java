package io.plumbery.providers.jclouds.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheirBound() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 20L, 20L), IntStream.rangeClosed(1, 7)
                .mapToObj(n -> Backoff.CLOUD.delay(n).toSeconds()).toList());
        assertEquals(Duration.ofMillis(5), new Backoff(3, Duration.ofMillis(5), Duration.ofMillis(100)).delay(1));
    }
}
