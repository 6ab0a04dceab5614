package io.plumbery.fittings.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands plumbery's node name ranges: {@code node[1..3]} is node1, node2, node3;
 * {@code slave-0[1..3]} is slave-01..slave-03; {@code web[01..12]_eu} pads to the width of the first bound.
 */
public final class NameRanges {

    /** No plan needs more nodes from one line; a typo like [1..10000] should not build ten thousand. */
    public static final int MAX_EXPANSION = 1000;

    private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");
    private static final Pattern BOUNDS = Pattern.compile("\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*");

    private NameRanges() {
    }

    /** The names a node line stands for; throws IllegalArgumentException with a reason for a bad range. */
    public static List<String> expand(String name) {
        Matcher m = RANGE.matcher(name);
        if (!m.find()) {
            if (name.contains("[") || name.contains("]")) {
                throw new IllegalArgumentException("unbalanced brackets in node name '" + name + "'");
            }
            return List.of(name);
        }
        String prefix = name.substring(0, m.start());
        String suffix = name.substring(m.end());
        if (suffix.contains("[") || suffix.contains("]") || prefix.contains("]")) {
            throw new IllegalArgumentException("node name '" + name + "' may hold one range [FIRST..LAST] only");
        }
        Matcher b = BOUNDS.matcher(m.group(1));
        if (!b.matches()) {
            throw new IllegalArgumentException("range '[" + m.group(1) + "]' in node name '" + name
                    + "' must be [FIRST..LAST] with whole numbers, e.g. node[1..3]");
        }
        int first;
        int last;
        try {
            first = Integer.parseInt(b.group(1));
            last = Integer.parseInt(b.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range bounds in '" + name + "' are too large");
        }
        if (last < first) {
            throw new IllegalArgumentException("range [" + first + ".." + last + "] in node name '" + name
                    + "' is empty: the last number must not be below the first");
        }
        if (last - first + 1 > MAX_EXPANSION) {
            throw new IllegalArgumentException("range [" + first + ".." + last + "] in node name '" + name
                    + "' makes " + (last - first + 1) + " nodes; at most " + MAX_EXPANSION + " are allowed per line");
        }
        int width = b.group(1).startsWith("0") && b.group(1).length() > 1 ? b.group(1).length() : 0;
        List<String> names = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            String number = width > 0 ? String.format("%0" + width + "d", i) : Integer.toString(i);
            names.add(prefix + number + suffix);
        }
        return names;
    }
}
