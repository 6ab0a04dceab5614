package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.model.PathId;
import java.util.Arrays;
import java.util.List;

/**
 * What follows {@code /v2/apps}: the app's id, then {@code restart}, {@code tasks[/{taskId}]} or
 * {@code versions[/{version}]}. Ids may nest ({@code /prod/web}), so the id ends at the first of those words after its
 * first segment ({@code restart} only as the last segment).
 */
record AppPath(PathId id, List<String> tail) {

    static AppPath parse(String rest) {
        List<String> segments = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
        int cut = segments.size();
        for (int i = 1; i < segments.size(); i++) {
            String s = segments.get(i);
            if (s.equals("tasks") || s.equals("versions") || (s.equals("restart") && i == segments.size() - 1)) {
                cut = i;
                break;
            }
        }
        return new AppPath(new PathId(segments.subList(0, cut)), segments.subList(cut, segments.size()));
    }

    /** Whether the path goes on with {@code part} after the id. */
    boolean continuesWith(String part) {
        return !tail.isEmpty() && tail.get(0).equals(part);
    }
}
