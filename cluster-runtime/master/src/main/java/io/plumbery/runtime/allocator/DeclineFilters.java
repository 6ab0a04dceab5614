package io.plumbery.runtime.allocator;

import java.util.HashMap;
import java.util.Map;

/** Per (framework, agent) refusal filters set by DECLINE / ACCEPT with {@code filters.refuse_seconds}. */
final class DeclineFilters {
    private final Map<String, Map<String, Long>> expiries = new HashMap<>();

    void add(String frameworkId, String agentId, long untilMillis) {
        expiries.computeIfAbsent(frameworkId, f -> new HashMap<>()).merge(agentId, untilMillis, Math::max);
    }

    boolean isFiltered(String frameworkId, String agentId, long nowMillis) {
        Map<String, Long> byAgent = expiries.get(frameworkId);
        if (byAgent == null) {
            return false;
        }
        Long until = byAgent.get(agentId);
        return until != null && until > nowMillis;
    }

    void clear(String frameworkId) {
        expiries.remove(frameworkId);
    }

    void expire(long nowMillis) {
        expiries.values().forEach(m -> m.values().removeIf(until -> until <= nowMillis));
        expiries.values().removeIf(Map::isEmpty);
    }
}
