package io.plumbery.fittings.model;

import io.plumbery.fittings.diag.SourceRange;

import java.util.Map;
import java.util.TreeMap;

/**
 * A role of the plan's {@code cluster:} section, as Mesos's allocator knows roles: its weight (its DRF share is divided
 * by it) and its quota (Mesos 1.9+ {@code QuotaConfig}: a guarantee set aside for it, a limit it never gets beyond).
 *
 * @param weight    1 unless the plan says, as Mesos's default
 * @param guarantee resource name ({@code cpus}, {@code mem}, {@code disk}, {@code gpus}) to amount; empty for none
 * @param limit     resource name to amount; a resource not named is unlimited
 * @param where     where the plan writes its name; null when not read from a file
 */
public record ClusterRole(String name, double weight, Map<String, Double> guarantee, Map<String, Double> limit,
                          SourceRange where) {

    /** Mesos's weight of a role nobody set. */
    public static final double DEFAULT_WEIGHT = 1.0;

    public ClusterRole {
        guarantee = java.util.Collections.unmodifiableMap(new TreeMap<>(guarantee));
        limit = java.util.Collections.unmodifiableMap(new TreeMap<>(limit));
    }

    /** A role not read from a file. */
    public ClusterRole(String name, double weight, Map<String, Double> guarantee, Map<String, Double> limit) {
        this(name, weight, guarantee, limit, null);
    }

    public boolean hasQuota() {
        return !guarantee.isEmpty() || !limit.isEmpty();
    }
}
