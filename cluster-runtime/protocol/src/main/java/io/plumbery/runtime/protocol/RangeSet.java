package io.plumbery.runtime.protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A normalized set of disjoint, sorted, inclusive integer ranges (Mesos RANGES values, e.g. ports). */
public record RangeSet(List<Values.Range> ranges) {
    public static final RangeSet EMPTY = new RangeSet(List.of());

    public RangeSet {
        ranges = normalize(ranges);
    }

    public static RangeSet of(long begin, long end) {
        return new RangeSet(List.of(new Values.Range(begin, end)));
    }

    private static List<Values.Range> normalize(List<Values.Range> in) {
        List<Values.Range> sorted = new ArrayList<>(in);
        sorted.removeIf(r -> r.end() < r.begin());
        sorted.sort(Comparator.comparingLong(Values.Range::begin));
        List<Values.Range> out = new ArrayList<>();
        for (Values.Range r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).end() + 1 >= r.begin()) {
                Values.Range last = out.remove(out.size() - 1);
                out.add(new Values.Range(last.begin(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public long size() {
        return ranges.stream().mapToLong(r -> r.end() - r.begin() + 1).sum();
    }

    public RangeSet plus(RangeSet other) {
        List<Values.Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new RangeSet(all);
    }

    public RangeSet minus(RangeSet other) {
        List<Values.Range> result = new ArrayList<>(ranges);
        for (Values.Range cut : other.ranges) {
            List<Values.Range> next = new ArrayList<>();
            for (Values.Range r : result) {
                if (cut.end() < r.begin() || cut.begin() > r.end()) {
                    next.add(r);
                    continue;
                }
                if (cut.begin() > r.begin()) {
                    next.add(new Values.Range(r.begin(), cut.begin() - 1));
                }
                if (cut.end() < r.end()) {
                    next.add(new Values.Range(cut.end() + 1, r.end()));
                }
            }
            result = next;
        }
        return new RangeSet(result);
    }

    public boolean contains(RangeSet other) {
        return other.minus(this).isEmpty();
    }

    /** Mesos's text form, e.g. {@code [31000-31005, 31010-31010]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(ranges.get(i).begin()).append('-').append(ranges.get(i).end());
        }
        return b.append(']').toString();
    }

    /** The ports themselves, in order (for PORT0.. variables). */
    public List<Long> values(int limit) {
        List<Long> out = new ArrayList<>();
        for (Values.Range r : ranges) {
            for (long v = r.begin(); v <= r.end() && out.size() < limit; v++) {
                out.add(v);
            }
        }
        return out;
    }
}
