package io.plumbery.runtime.marathon.api;

import io.plumbery.runtime.marathon.model.PathId;
import java.util.Arrays;
import java.util.List;

/**
 * What follows {@code /v2/groups}, read as Marathon's path patterns: {@code {id}/versions}, {@code {id}/versions/{v}},
 * {@code {id}/apps} (each also without an id, for the root), else a group id.
 */
record GroupPath(PathId id, Kind kind, String version) {
    enum Kind { GROUP, VERSIONS, VERSION, APPS }

    static GroupPath parse(String rest) {
        List<String> s = Arrays.stream(rest.split("/")).filter(x -> !x.isEmpty()).toList();
        int n = s.size();
        if (n >= 1 && s.get(n - 1).equals("versions")) {
            return new GroupPath(new PathId(s.subList(0, n - 1)), Kind.VERSIONS, null);
        }
        if (n >= 2 && s.get(n - 2).equals("versions")) {
            return new GroupPath(new PathId(s.subList(0, n - 2)), Kind.VERSION, s.get(n - 1));
        }
        if (n >= 1 && s.get(n - 1).equals("apps")) {
            return new GroupPath(new PathId(s.subList(0, n - 1)), Kind.APPS, null);
        }
        return new GroupPath(new PathId(s), Kind.GROUP, null);
    }
}
