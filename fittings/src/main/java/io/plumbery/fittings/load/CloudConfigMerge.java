package io.plumbery.fittings.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plumbery's merge of cloud-config blocks (plan defaults, then the node's profile, then the node):
 * maps merge key by key, lists are appended, any other value is replaced by the later one.
 */
public final class CloudConfigMerge {

    private CloudConfigMerge() {
    }

    public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> overlay) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        // not Map.merge: it rejects null values, and cloud-config has them ('key:' with nothing after it)
        overlay.forEach((key, value) -> out.put(key, out.get(key) == null ? value : combine(out.get(key), value)));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Object combine(Object earlier, Object later) {
        if (later == null) {
            return null;
        }
        if (earlier instanceof Map<?, ?> a && later instanceof Map<?, ?> b) {
            return merge((Map<String, ?>) a, (Map<String, ?>) b);
        }
        if (earlier instanceof List<?> a && later instanceof List<?> b) {
            List<Object> out = new ArrayList<>(a);
            out.addAll(b);
            return Collections.unmodifiableList(out);
        }
        return later;
    }
}
