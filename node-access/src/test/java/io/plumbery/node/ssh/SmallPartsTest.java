package io.plumbery.node.ssh;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmallPartsTest {

    @Test
    void shellQuotingKeepsWordsWhole() {
        assertEquals("/etc/plumbery/zoo.cfg", Shell.quote("/etc/plumbery/zoo.cfg"));
        assertEquals("'a b'", Shell.quote("a b"));
        assertEquals("'it'\"'\"'s'", Shell.quote("it's"));
        assertEquals("''", Shell.quote(""));
    }

    @Test
    void anUploadGivesItsFileAModeAndAnOwnerThatInstallReadsAsOptions() {
        ContentSource content = ContentSource.of(new byte[]{1});
        assertEquals("-m 0644", new Upload(content, "/etc/x", "0644").installOptions(), "no owner: the installing user");
        assertEquals("-m 0640 -o root -g plumbery", new Upload(content, "/etc/x", "0640", "root:plumbery").installOptions());
        for (String owner : List.of("root", "root:plumbery; rm -rf /", "-o:x", "root:")) {
            assertThrows(IllegalArgumentException.class, () -> new Upload(content, "/etc/x", "0640", owner), owner);
        }
    }

    @Test
    void commandResultTailSkipsBlankLines() {
        CommandResult result = new CommandResult("x", 1, "a\n\nb\n", "c\n");
        assertEquals(List.of("b", "c"), result.tail(2));
    }
}
