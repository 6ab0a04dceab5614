package io.plumbery.providers.host;

import io.plumbery.net.Subnet;
import io.plumbery.providers.FirewallRequest;
import io.plumbery.providers.FirewallRule;
import io.plumbery.providers.NetworkRecord;
import io.plumbery.providers.PortRange;
import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanRecordsTest {

    private static final FirewallRule SSH = new FirewallRule("ssh", FirewallRule.Protocol.TCP, 22, "0.0.0.0/0", null);

    @Test
    void recordsRoundTripAndTheDirectoryGoesWhenEmpty(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        records.locked(() -> {
            records.putNetwork(new PlanRecords.NetworkSpec("web", "pb-abcdef-0123", "10.77.1.0/24"));
            records.putFirewall(new PlanRecords.FirewallSpec("fw", "web", List.of(SSH)));
            records.putPublic(new PlanRecords.PublicSpec("p", "n1", "web", "127.77.1.10", "10.77.1.10", List.of(PortRange.tcp(22))));
            return null;
        });
        assertEquals("pb-abcdef-0123", records.network("web").orElseThrow().bridge());
        assertEquals(22, records.firewalls().get(0).rules().get(0).firstPort());
        assertEquals(22, records.firewall("web").orElseThrow().rules().get(0).firstPort());
        assertEquals(List.of(PortRange.tcp(22)), records.publicAddress("p").orElseThrow().ports());
        assertEquals("127.77.1.10", records.publicAddressOf("n1").orElseThrow());
        records.removeIfEmpty();
        assertTrue(Files.isDirectory(records.dir()), "not empty yet");

        records.removePublic("p");
        records.removeFirewall("web");
        records.forgetNetwork("web");
        records.removeIfEmpty();
        assertFalse(Files.exists(records.dir()));
    }

    @Test
    void aDirectoryWithOtherFilesStays(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        records.locked(() -> {
            Files.writeString(records.dir().resolve("Vagrantfile"), "# not a record\n");
            records.removeIfEmpty();
            return null;
        });
        assertTrue(Files.isRegularFile(records.dir().resolve("Vagrantfile")), "not ours to remove");
        assertTrue(records.empty());
    }

    @Test
    void nodesAreTheirDirectoriesInNameOrder(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        assertEquals(List.of(), records.nodeNames());
        Files.createDirectories(records.nodeDir("web2"));
        Files.createDirectories(records.nodeDir("web1"));
        Files.writeString(records.nodeDir("web1").resolveSibling("stray.json"), "{}");
        assertEquals(List.of("web1", "web2"), records.nodeNames());
        assertFalse(records.empty());
    }

    @Test
    void forgettingANetworkForgetsItsFirewallAndPublicAddresses(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        records.putNetwork(new PlanRecords.NetworkSpec("web", "b1", "10.77.1.0/24"));
        records.putNetwork(new PlanRecords.NetworkSpec("db", "b2", "10.77.2.0/24"));
        records.putFirewall(new PlanRecords.FirewallSpec("fw", "web", List.of(SSH)));
        records.putPublic(new PlanRecords.PublicSpec("w", "w1", "web", "10.77.1.10", "10.77.1.10", List.of(PortRange.tcp(22))));
        records.putPublic(new PlanRecords.PublicSpec("d", "d1", "db", "10.77.2.10", "10.77.2.10", List.of(PortRange.tcp(22))));
        records.forgetNetwork("web");
        assertEquals(List.of("db"), records.networks().stream().map(PlanRecords.NetworkSpec::name).toList());
        assertEquals(List.of(), records.firewalls());
        assertEquals(List.of("d"), records.publics().stream().map(PlanRecords.PublicSpec::name).toList());
    }

    @Test
    void oneRecordPerPublicAddress(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        records.putPublic(new PlanRecords.PublicSpec("old", "n1", "web", "127.77.1.10", "10.77.1.10", List.of(PortRange.tcp(22))));
        records.putPublic(new PlanRecords.PublicSpec("new", "n1", "web", "127.77.1.10", "10.77.1.10", List.of(PortRange.tcp(80))));
        assertEquals(List.of("new"), records.publics().stream().map(PlanRecords.PublicSpec::name).toList());
        assertTrue(records.forgetPublicsOf("n1"));
        assertFalse(records.forgetPublicsOf("n1"));
        assertTrue(records.publicAddressOf("n1").isEmpty());
    }

    @Test
    void overlapsAndMissingNetworksAreRefusedWithTheReason(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        records.putNetwork(new PlanRecords.NetworkSpec("web", "b1", "10.77.0.0/16"));
        records.checkNoOverlap("web", Subnet.parse("10.77.1.0/24"));
        ProviderException overlap = assertThrows(ProviderException.class,
                () -> records.checkNoOverlap("db", Subnet.parse("10.77.1.0/24")));
        assertEquals("network db (10.77.1.0/24) overlaps network web (10.77.0.0/16) of the same plan",
                overlap.getMessage());
        records.checkNoOverlap("db", Subnet.parse("10.78.1.0/24"));

        FirewallRequest request = new FirewallRequest("fw", new NetworkRecord("x", "db", "10.78.1.0/24", Map.of()),
                List.of(SSH));
        ProviderException missing = assertThrows(ProviderException.class, () -> records.recordFirewall(request));
        assertEquals("firewall fw: network db is not built by this provider yet (ensureNetwork first)",
                missing.getMessage());
        records.putNetwork(new PlanRecords.NetworkSpec("db", "b2", "10.78.1.0/24"));
        assertEquals("db", records.recordFirewall(request).network());
        assertEquals(List.of(SSH), records.firewall("db").orElseThrow().rules());
    }

    @Test
    void aBadValueInsideTheLockIsAProviderException(@TempDir Path tmp) {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        ProviderException e = assertThrows(ProviderException.class, () -> records.locked(() -> Subnet.parse("nope")));
        assertEquals("subnet 'nope' is not in CIDR form (e.g. 10.77.1.0/24)", e.getMessage());
    }

    @Test
    void theLockKeepsOutOtherThreads(@TempDir Path tmp) throws Exception {
        PlanRecords records = new PlanRecords(tmp.resolve("plan"), "the test");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                all.add(pool.submit(() -> {
                    start.await();
                    return records.locked(() -> {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        records.putNetwork(new PlanRecords.NetworkSpec("n" + n, "b" + n, "10.77." + n + ".0/24"));
                        LockSupport.parkNanos(20_000_000); // a window for another holder, were there one
                        inside.decrementAndGet();
                        return null;
                    });
                }));
            }
            start.countDown();
            for (Future<Object> f : all) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, most.get(), "one holder at a time");
        assertEquals(4, records.networks().size());
    }
}
