package io.plumbery.runtime.master;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbery.runtime.allocator.Allocator;
import io.plumbery.runtime.allocator.Quotas;
import io.plumbery.runtime.allocator.Weights;
import io.plumbery.runtime.maintenance.AgentDrains;
import io.plumbery.runtime.maintenance.Maintenance;
import io.plumbery.runtime.protocol.Json;
import io.plumbery.runtime.registry.Registry;
import io.plumbery.runtime.registry.Section;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's decisions that outlive a leader, kept in the registry as Mesos keeps them: the maintenance schedule
 * and machine modes with each agent's deactivation, drain and gone mark (section {@code maintenance}), role weights
 * and quota. Written after each change and before it is answered; installed by a new leader from the registry it
 * recovered, before it serves anything.
 */
public final class OperatorRecords {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorRecords.class);
    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private final MasterCore core;

    OperatorRecords(MasterCore core) {
        this.core = core;
        core.registrar.onRecovered(this::install);
    }

    /** Runs under the state lock, right after the state's reset on election. */
    private void install(Registry registry) {
        registry.section(Section.MAINTENANCE).ifPresent(m -> {
            core.state.maintenance = Maintenance.restore(m.path("machines"));
            core.state.drains = AgentDrains.restore(m.path("agents"));
        });
        Weights weights = registry.section(Section.WEIGHTS).map(Weights::restore).orElseGet(Weights::new);
        Quotas quotas = registry.section(Section.QUOTA).map(Quotas::restore).orElseGet(Quotas::new);
        core.state.allocator = new Allocator(weights, quotas);
    }

    /**
     * Writes the decisions as they are now, in one registry write; empty once durable, else 503 (the registrar then
     * makes this master stop leading, which forgets the change).
     */
    public Optional<Refusal> save() {
        ObjectNode maintenance = Json.object();
        JsonNode weights;
        JsonNode quota;
        synchronized (core.state) {
            maintenance.set("machines", core.state.maintenance.snapshot());
            maintenance.set("agents", core.state.drains.snapshot());
            weights = core.state.allocator.weights().snapshot();
            quota = core.state.allocator.quotas().snapshot();
        }
        try {
            core.registrar.apply(r -> r.with(Section.MAINTENANCE, maintenance).with(Section.WEIGHTS, weights)
                    .with(Section.QUOTA, quota)).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unstored(e);
        } catch (Exception e) {
            return unstored(e);
        }
    }

    private static Optional<Refusal> unstored(Exception e) {
        LOG.warn("The operator's change could not be written to the registry: {}", e.toString());
        return Optional.of(new Refusal(503, "The change could not be stored in the registry: " + e.getMessage()));
    }
}
