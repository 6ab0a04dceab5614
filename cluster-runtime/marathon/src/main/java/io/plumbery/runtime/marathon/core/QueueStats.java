package io.plumbery.runtime.marathon.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Offers seen by an app in the queue, for {@code /v2/queue}'s processedOffersSummary. Core thread only. */
final class QueueStats {
    final String since = Instant.now().toString();
    int processed;
    int unused;
    String lastUnusedAt;
    String lastUsedAt;
    final Map<String, Integer> reasons = new TreeMap<>();
    final List<ObjectNode> lastUnused = new ArrayList<>();
}
