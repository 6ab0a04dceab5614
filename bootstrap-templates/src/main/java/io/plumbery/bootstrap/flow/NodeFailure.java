package io.plumbery.bootstrap.flow;

import java.util.List;

/**
 * Why a node's bootstrap stopped: the node, the step, a message, and when a unit is to blame its name and
 * the last lines of its journal.
 *
 * @param unit        the failing unit, or null when the step is not about one
 * @param journalTail last lines of {@code journalctl -u unit} (empty when not about a unit)
 */
public record NodeFailure(String node, Step step, String message, String unit, List<String> journalTail) {

    public NodeFailure {
        journalTail = List.copyOf(journalTail);
    }

    /** Multi-line text for the CLI: {@code node: step: message}, then the journal lines indented. */
    public String describe() {
        StringBuilder out = new StringBuilder(node).append(": ").append(step.label()).append(": ").append(message);
        if (unit != null && !journalTail.isEmpty()) {
            out.append("\n  last lines of journalctl -u ").append(unit).append(':');
            journalTail.forEach(line -> out.append("\n    ").append(line));
        }
        return out.toString();
    }
}
