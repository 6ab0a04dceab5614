package io.plumbery.bootstrap.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges cloud-config documents the way plumbery does: lists are appended (base first), maps are merged
 * key by key, recursively, and for anything else the overlay's value wins. Inputs are not modified.
 */
public final class CloudConfigMerge {
    private CloudConfigMerge() {
    }

    /** The merge of {@code overlay} onto {@code base}, in a new map that keeps the keys' first-seen order. */
    public static Map<String, Object> merge(Map<String, ?> base, Map<String, ?> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>();
        base.forEach((key, value) -> merged.put(key, copy(value)));
        overlay.forEach((key, value) -> merged.put(key, mergeValue(merged.get(key), value)));
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object base, Object overlay) {
        if (base instanceof Map<?, ?> baseMap && overlay instanceof Map<?, ?> overlayMap) {
            return merge((Map<String, ?>) baseMap, (Map<String, ?>) overlayMap);
        }
        if (base instanceof List<?> baseList && overlay instanceof List<?> overlayList) {
            List<Object> appended = new ArrayList<>(baseList.size() + overlayList.size());
            baseList.forEach(item -> appended.add(copy(item)));
            overlayList.forEach(item -> appended.add(copy(item)));
            return appended;
        }
        return copy(overlay);
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            return merge((Map<String, ?>) map, Map.of());
        }
        if (value instanceof List<?> list) {
            List<Object> copied = new ArrayList<>(list.size());
            list.forEach(item -> copied.add(copy(item)));
            return copied;
        }
        return value;
    }
}
