package io.plumbery.node.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmallPartsTest {

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
