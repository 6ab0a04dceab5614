package io.plumbery.runtime.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable bag of unreserved resources: scalars (cpus, mem, disk, gpus...) and ranges (ports). */
public final class Resources {
    public static final Resources EMPTY = new Resources(Map.of(), Map.of());
    private static final double EPSILON = 1e-6;

    private final Map<String, Double> scalars;
    private final Map<String, RangeSet> ranges;

    private Resources(Map<String, Double> scalars, Map<String, RangeSet> ranges) {
        this.scalars = scalars;
        this.ranges = ranges;
    }

    public static Resources of(Map<String, Double> scalars, Map<String, RangeSet> ranges) {
        Map<String, Double> s = new TreeMap<>();
        scalars.forEach((k, v) -> {
            double fixed = round(v);
            if (fixed > EPSILON) {
                s.put(k, fixed);
            }
        });
        Map<String, RangeSet> r = new TreeMap<>();
        ranges.forEach((k, v) -> {
            if (!v.isEmpty()) {
                r.put(k, v);
            }
        });
        return new Resources(Collections.unmodifiableMap(s), Collections.unmodifiableMap(r));
    }

    public static Resources scalars(Map<String, Double> scalars) {
        return of(scalars, Map.of());
    }

    public static Resources fromProto(Collection<Resource> list) {
        if (list == null) {
            return EMPTY;
        }
        Map<String, Double> s = new TreeMap<>();
        Map<String, RangeSet> r = new TreeMap<>();
        for (Resource res : list) {
            if (res.type() == Values.Type.SCALAR && res.scalar() != null) {
                s.merge(res.name(), res.scalar().value(), Double::sum);
            } else if (res.type() == Values.Type.RANGES && res.ranges() != null && res.ranges().range() != null) {
                r.merge(res.name(), new RangeSet(res.ranges().range()), RangeSet::plus);
            }
        }
        return of(s, r);
    }

    public List<Resource> toProto(String allocationRole) {
        List<Resource> out = new ArrayList<>();
        scalars.forEach((name, value) -> out.add(withRole(Resource.scalar(name, round(value)), allocationRole)));
        ranges.forEach((name, set) -> out.add(withRole(Resource.ranges(name, set.ranges()), allocationRole)));
        return out;
    }

    private static Resource withRole(Resource r, String allocationRole) {
        Resource withDefaultRole = new Resource(r.name(), r.type(), r.scalar(), r.ranges(), r.set(), "*", null, null, null);
        return allocationRole == null ? withDefaultRole : withDefaultRole.allocatedTo(allocationRole);
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }

    public double scalar(String name) {
        return scalars.getOrDefault(name, 0.0);
    }

    public RangeSet ranges(String name) {
        return ranges.getOrDefault(name, RangeSet.EMPTY);
    }

    public Map<String, Double> scalars() {
        return scalars;
    }

    public Map<String, RangeSet> rangeMap() {
        return ranges;
    }

    /** The scalar part only: what cluster-wide sums (totals, DRF shares) are made of; port ranges are per agent. */
    public Resources scalarsOnly() {
        return ranges.isEmpty() ? this : new Resources(scalars, Map.of());
    }

    public boolean isEmpty() {
        return scalars.isEmpty() && ranges.isEmpty();
    }

    public Resources plus(Resources other) {
        Map<String, Double> s = new TreeMap<>(scalars);
        other.scalars.forEach((k, v) -> s.merge(k, v, Double::sum));
        Map<String, RangeSet> r = new TreeMap<>(ranges);
        other.ranges.forEach((k, v) -> r.merge(k, v, RangeSet::plus));
        return of(s, r);
    }

    /** Subtraction floored at zero (and set difference for ranges). */
    public Resources minus(Resources other) {
        Map<String, Double> s = new TreeMap<>(scalars);
        other.scalars.forEach((k, v) -> s.computeIfPresent(k, (key, mine) -> Math.max(0.0, mine - v)));
        Map<String, RangeSet> r = new TreeMap<>(ranges);
        other.ranges.forEach((k, v) -> r.computeIfPresent(k, (key, mine) -> mine.minus(v)));
        return of(s, r);
    }

    public boolean contains(Resources other) {
        for (Map.Entry<String, Double> e : other.scalars.entrySet()) {
            if (scalar(e.getKey()) + EPSILON < e.getValue()) {
                return false;
            }
        }
        for (Map.Entry<String, RangeSet> e : other.ranges.entrySet()) {
            if (!ranges(e.getKey()).contains(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Enough to be worth offering (Mesos's default min allocatable: 0.01 cpus or 32 MB mem). */
    public boolean isAllocatable() {
        return scalar("cpus") >= 0.01 || scalar("mem") >= 32.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources r && r.scalars.equals(scalars) && r.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return scalars.hashCode() * 31 + ranges.hashCode();
    }

    /** Mesos's text form, e.g. {@code cpus:4;mem:8192;ports:[31000-32000]}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        scalars.forEach((k, v) -> parts.add(k + ":" + (v == Math.rint(v) ? String.valueOf(v.longValue()) : v)));
        ranges.forEach((k, v) -> parts.add(k + ":" + v.toString().replace(", ", ",")));
        return String.join(";", parts);
    }
}
