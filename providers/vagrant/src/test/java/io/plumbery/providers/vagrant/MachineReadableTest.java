package io.plumbery.providers.vagrant;

import io.plumbery.providers.NodeStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On output captured from Vagrant 2.3.4 with its docker provider (src/test/resources/machine-readable). */
class MachineReadableTest {

    @Test
    void statusGivesEachMachinesState() throws IOException {
        MachineReadable status = MachineReadable.parse(fixture("status.txt"));
        assertEquals(Map.of("n1", "running", "n2", "stopped", "n3", "not_created"), status.states());
        assertEquals(NodeStatus.RUNNING, NodeRecords.status(status.states().get("n1")));
        assertEquals(NodeStatus.STOPPED, NodeRecords.status(status.states().get("n2")));
        assertEquals(NodeStatus.GONE, NodeRecords.status(status.states().get("n3")));
        assertEquals(NodeStatus.GONE, NodeRecords.status(status.states().get("not-in-the-vagrantfile")));
        assertEquals(NodeStatus.PENDING, NodeRecords.status("preparing"));
        assertEquals(NodeStatus.UNRECOGNIZED, NodeRecords.status("host_state_unknown"));
    }

    @Test
    void escapedCommasAndLineBreaksAreRestored() {
        MachineReadable out = MachineReadable.parse(
                "1,n1,state-human-long,one%!(VAGRANT_COMMA) two\\nthree\nnot a machine-readable line\n");
        assertEquals(1, out.lines().size());
        assertEquals("one, two\nthree", out.lines().get(0).first());
    }

    @Test
    void aParallelFailureIsReportedOnlyForTheMachineItConcerns() throws IOException {
        MachineReadable up = MachineReadable.parse(fixture("up-batch-error.txt"));
        Optional<String> n2 = up.errorFor("n2");
        assertTrue(n2.isPresent());
        assertTrue(n2.get().startsWith("A Docker command executed by Vagrant didn't complete successfully!"), n2.get());
        assertTrue(n2.get().contains("No such image: plumbery-exp/missing:1"), n2.get());
        assertTrue(n2.get().contains("\"docker\", \"run\""), n2.get());
        assertEquals(Optional.empty(), up.errorFor("n1"), "n1 came up in the same call");
        assertEquals(List.of("==> n1: Enabling network interfaces...", "==> n1: Starting container..."),
                up.uiFor("n1", 2));
    }

    @Test
    void anErrorOutsideParallelRunsConcernsEveryMachine() throws IOException {
        MachineReadable up = MachineReadable.parse(fixture("up-config-invalid.txt"));
        assertTrue(up.errorFor("a").orElseThrow().endsWith("The following settings shouldn't exist: bogus"));
        assertTrue(up.errorFor("any").isPresent());
        assertEquals(Optional.empty(), MachineReadable.parse(fixture("status.txt")).errorFor("n1"));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = MachineReadableTest.class.getResourceAsStream("/machine-readable/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
