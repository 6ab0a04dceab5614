package io.plumbery.runtime.marathon.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A Marathon path id such as {@code /prod/web}: absolute, no empty or dot segments, no trailing slash. */
public record PathId(List<String> segments) implements Comparable<PathId> {
    public static final PathId ROOT = new PathId(List.of());
    private static final Pattern SEGMENT =
            Pattern.compile("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$");
    public static final String SEGMENT_RULE = "must fully match regular expression '" + SEGMENT.pattern() + "'";

    public PathId {
        segments = List.copyOf(segments);
    }

    /** Parses an id relative to the root ({@code web} and {@code /web/} are both {@code /web}); {@code ..} goes up. */
    public static PathId parse(String id) {
        return ROOT.resolve(id == null ? "" : id);
    }

    public PathId resolve(String id) {
        List<String> out = new ArrayList<>(id.startsWith("/") ? List.of() : segments);
        for (String s : id.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(s);
            }
        }
        return new PathId(out);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public boolean isValid() {
        return !segments.isEmpty() && segments.stream().allMatch(s -> SEGMENT.matcher(s).matches());
    }

    public PathId parent() {
        return segments.isEmpty() ? this : new PathId(segments.subList(0, segments.size() - 1));
    }

    public boolean isDescendantOf(PathId group) {
        return segments.size() > group.segments.size() && segments.subList(0, group.segments.size()).equals(group.segments);
    }

    /** The id as a task id prefix, like Marathon: {@code /prod/web} is {@code prod_web}. */
    public String safeName() {
        return String.join("_", segments);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }

    @Override
    public int compareTo(PathId o) {
        return toString().compareTo(o.toString());
    }
}
