package io.plumbery.runtime.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses Mesos's flag syntax: {@code cpus:4;mem:8192;ports:[31000-32000]} and {@code rack:r1;zone:a}. */
public final class ResourceSpec {
    private ResourceSpec() {
    }

    public static Resources parseResources(String text) {
        Map<String, Double> scalars = new TreeMap<>();
        Map<String, RangeSet> ranges = new TreeMap<>();
        for (String part : split(text)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Bad resource '" + part + "': expected name:value");
            }
            String name = part.substring(0, colon).trim();
            int paren = name.indexOf('(');
            if (paren > 0) {
                name = name.substring(0, paren);
            }
            String value = part.substring(colon + 1).trim();
            if (value.startsWith("[")) {
                ranges.merge(name, parseRanges(value), RangeSet::plus);
            } else {
                try {
                    scalars.merge(name, Double.parseDouble(value), Double::sum);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Bad scalar for resource '" + name + "': " + value, e);
                }
            }
        }
        return Resources.of(scalars, ranges);
    }

    public static RangeSet parseRanges(String value) {
        String inner = value.trim();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            throw new IllegalArgumentException("Bad ranges: " + value);
        }
        List<Values.Range> out = new ArrayList<>();
        for (String r : inner.substring(1, inner.length() - 1).split(",")) {
            if (r.isBlank()) {
                continue;
            }
            String[] ends = r.trim().split("-");
            try {
                long begin = Long.parseLong(ends[0].trim());
                long end = ends.length > 1 ? Long.parseLong(ends[1].trim()) : begin;
                out.add(new Values.Range(begin, end));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad range '" + r + "' in " + value, e);
            }
        }
        return new RangeSet(out);
    }

    public static List<Attribute> parseAttributes(String text) {
        List<Attribute> out = new ArrayList<>();
        for (String part : split(text)) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Bad attribute '" + part + "': expected name:value");
            }
            String name = part.substring(0, colon).trim();
            String value = part.substring(colon + 1).trim();
            try {
                out.add(Attribute.scalar(name, Double.parseDouble(value)));
            } catch (NumberFormatException e) {
                out.add(Attribute.text(name, value));
            }
        }
        return out;
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        for (String p : text.split(";")) {
            if (!p.isBlank()) {
                parts.add(p.trim());
            }
        }
        return parts;
    }
}
