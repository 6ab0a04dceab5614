package io.plumbery.state;

import io.plumbery.node.ssh.SshEndpoint;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.NodeRecord;
import io.plumbery.providers.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedStateReadsBackEqual() throws Exception {
        Path file = dir.resolve(".plumbery/demo.state.json");
        State state = State.empty("demo")
                .withNetwork("network.web", new Placed<>("stub", "EU6",
                        new NetworkRecord("net-1", "demo-web", "10.0.0.0/24", Map.of("bridge", "pb-demo"))))
                .withNode("node.web1", new Placed<>("stub", "EU6",
                        new NodeRecord("n-1", "web1", "demo-web", NodeStatus.RUNNING, "10.0.0.2", "127.0.0.2",
                                new SshEndpoint("127.0.0.2", 22, "root", "ssh-ed25519 AAAA"), Map.of())));
        try (StateStore store = StateStore.open(file, "demo")) {
            store.save(state);
        }
        try (StateStore store = StateStore.open(file, "demo")) {
            assertEquals(state, store.current());
            assertEquals(2, store.current().serial());
        }
        assertFalse(Files.exists(file.resolveSibling("demo.state.json.tmp")), "no temporary file left behind");
    }

    @Test
    void theStateDirectoryAndItsFilesAreTheOwnersOnly() throws Exception {
        Path file = dir.resolve(".plumbery/demo.state.json");
        try (StateStore store = StateStore.open(file, "demo")) {
            store.save(State.empty("demo").withNetwork("network.a",
                    new Placed<>("stub", null, new NetworkRecord("1", "a", "10.0.0.0/24", null))));
        }
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals("rw-------", mode(file));
        assertEquals("rw-------", mode(file.resolveSibling("demo.state.json.lock")));
    }

    private static String mode(Path p) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void secondOpenFailsFastWithTheHolder() throws Exception {
        Path file = dir.resolve("demo.state.json");
        try (StateStore first = StateStore.open(file, "demo")) {
            StateLockedException e = assertThrows(StateLockedException.class, () -> StateStore.open(file, "demo"));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        try (StateStore again = StateStore.open(file, "demo")) {
            assertTrue(again.current().isEmpty());
        }
    }

    @Test
    void emptyStateRemovesTheFile() throws Exception {
        Path file = dir.resolve("demo.state.json");
        try (StateStore store = StateStore.open(file, "demo")) {
            store.save(State.empty("demo").withNetwork("network.a",
                    new Placed<>("stub", null, new NetworkRecord("1", "a", "10.0.0.0/24", null))));
            assertTrue(Files.exists(file));
            store.save(store.current().without("network.a"));
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void unreadableStateNamesTheFile() throws Exception {
        Path file = dir.resolve("demo.state.json");
        Files.writeString(file, "{ not json");
        StateException e = assertThrows(StateException.class, () -> StateStore.open(file, "demo"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
