package io.plumbery.bootstrap.ssh;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmallPartsTest {

    @Test
    void backoffDoublesUpToItsCeiling() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertEquals(List.of(250L, 500L, 1000L, 1000L), List.of(1, 2, 3, 9).stream()
                .map(policy::delayAfter).map(Duration::toMillis).toList());
    }

    @Test
    void shellQuotingKeepsWordsWhole() {
        assertEquals("/etc/plumbery/zoo.cfg", Shell.quote("/etc/plumbery/zoo.cfg"));
        assertEquals("'a b'", Shell.quote("a b"));
        assertEquals("'it'\"'\"'s'", Shell.quote("it's"));
        assertEquals("''", Shell.quote(""));
    }

    @Test
    void commandResultTailSkipsBlankLines() {
        CommandResult result = new CommandResult("x", 1, "a\n\nb\n", "c\n");
        assertEquals(List.of("b", "c"), result.tail(2));
    }
}
