package io.plumbery.runtime.marathon.api;

import java.util.Map;

/** Marathon's label selector for {@code GET /v2/apps?label=}: {@code key}, {@code key==value}, {@code key!=value}, comma-separated (all must hold). */
final class Labels {
    private Labels() {
    }

    static boolean matches(String selector, Map<String, String> labels) {
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            int ne = t.indexOf("!=");
            int eq = t.indexOf("==");
            if (ne > 0) {
                String v = labels.get(t.substring(0, ne).trim());
                if (v != null && v.equals(t.substring(ne + 2).trim())) {
                    return false;
                }
            } else if (eq > 0) {
                if (!t.substring(eq + 2).trim().equals(labels.get(t.substring(0, eq).trim()))) {
                    return false;
                }
            } else if (!labels.containsKey(t)) {
                return false;
            }
        }
        return true;
    }
}
