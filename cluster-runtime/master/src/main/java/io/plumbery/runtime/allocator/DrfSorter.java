package io.plumbery.runtime.allocator;

import io.plumbery.runtime.protocol.Resources;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Dominant Resource Fairness ordering: clients sorted by ascending dominant share (the largest, over all scalar
 * resources of the cluster, of allocated / total, divided by the client's weight); ties broken by the number of
 * allocations so far, then by name. A pure function.
 */
public final class DrfSorter {

    /** One sorted party: a role or a framework. */
    public record Client(String name, Resources allocated, double weight, long allocations) {
        public Client {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }
    }

    private DrfSorter() {
    }

    public static double dominantShare(Resources allocated, Resources total, double weight) {
        double share = 0.0;
        for (Map.Entry<String, Double> e : total.scalars().entrySet()) {
            if (e.getValue() > 0) {
                share = Math.max(share, allocated.scalar(e.getKey()) / e.getValue());
            }
        }
        return share / weight;
    }

    public static List<String> sort(Collection<Client> clients, Resources total) {
        record Keyed(Client client, double share) {
        }
        List<Keyed> keyed = new ArrayList<>(clients.size());
        for (Client c : clients) {
            keyed.add(new Keyed(c, dominantShare(c.allocated(), total, c.weight())));
        }
        keyed.sort(Comparator.comparingDouble(Keyed::share)
                .thenComparingLong(k -> k.client().allocations())
                .thenComparing(k -> k.client().name()));
        List<String> out = new ArrayList<>(keyed.size());
        keyed.forEach(k -> out.add(k.client().name()));
        return out;
    }
}
