package io.plumbery.runtime.dns;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh: the state of the first master that answers (the leader, when known, is asked first), turned into
 * records and swapped in whole. A failed refresh keeps the records of the last good one, as Mesos-DNS does.
 */
final class Refresher {
    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);
    private final MasterSource masters;
    private final StateClient client;
    private final RecordGenerator generator;
    private final List<String> nameServerIps;
    private final AtomicReference<Zone> current = new AtomicReference<>();

    Refresher(MasterSource masters, StateClient client, RecordGenerator generator, List<String> nameServerIps) {
        this.masters = masters;
        this.client = client;
        this.generator = generator;
        this.nameServerIps = List.copyOf(nameServerIps);
    }

    /** The records of the last good refresh; null before the first. */
    Zone current() {
        return current.get();
    }

    /** @return whether new records are in place */
    boolean refresh() {
        List<String> known = masters.masters();
        Exception last = null;
        for (String master : known) {
            try {
                JsonNode state = client.state(master);
                RecordSet records = generator.generate(state, known, nameServerIps);
                Zone previous = current.get();
                // Mesos-DNS's serial is the time of the refresh; kept increasing for two refreshes in one second
                long serial = Math.max(Instant.now().getEpochSecond(), previous == null ? 0 : previous.serial() + 1);
                current.set(new Zone(records, serial));
                if (previous == null) {
                    LOG.info("First records loaded from the master at {}", master);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                last = e;
            }
        }
        LOG.warn("Refresh failed ({}); keeping the previous records",
                last == null ? "no master known yet" : "masters " + known + ": " + last);
        return false;
    }
}
