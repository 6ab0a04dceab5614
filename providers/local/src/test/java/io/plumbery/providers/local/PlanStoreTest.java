package io.plumbery.providers.local;

import io.plumbery.providers.FirewallRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanStoreTest {

    @Test
    void recordsRoundTripAndTheDirectoryGoesWhenEmpty(@TempDir Path tmp) throws Exception {
        PlanStore store = new PlanStore(tmp.resolve("plan"));
        store.locked(() -> {
            store.putNetwork(new PlanStore.NetworkSpec("web", "pb-abcdef-0123", "10.77.1.0/24"));
            store.putFirewall(new PlanStore.FirewallSpec("fw", "web",
                    List.of(new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", null))));
            store.putPublic(new PlanStore.PublicSpec("p", "n1", "web", "127.77.1.10", "10.77.1.10", List.of(22)));
            return null;
        });
        assertEquals("pb-abcdef-0123", store.network("web").orElseThrow().bridge());
        assertEquals(22, store.firewalls().get(0).rules().get(0).port());
        assertEquals(List.of(22), store.publicAddress("p").orElseThrow().ports());
        store.removeIfEmpty();
        assertTrue(Files.isDirectory(store.dir()), "not empty yet");

        store.removePublic("p");
        store.removeFirewall("web");
        store.removeNetwork("web");
        store.removeIfEmpty();
        assertFalse(Files.exists(store.dir()));
    }

    @Test
    void nodeSpecRoundTripDefaultsToNspawn(@TempDir Path tmp) throws Exception {
        Machine m = new Machine(tmp.resolve("n1"));
        m.writeSpec(new Machine.Spec("n1", "web", "pb-abcdef-0123", "10.77.1.0/24", "10.77.1.10", "pabcdef0123",
                "pabcdef0123-1", 1, 512, Machine.OVERLAY, "/img", "plumbery/p/n1", "", null, null, null));
        Machine.Spec read = m.spec().orElseThrow();
        assertEquals(Machine.NSPAWN, read.kind());
        assertEquals("10.77.1.10", read.address());
        assertEquals(tmp.resolve("n1/upper"), m.disk(read));
        assertFalse(m.running());
    }
}
