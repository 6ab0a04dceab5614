package io.plumbery.cli.view;

import io.plumbery.engine.Action;
import io.plumbery.engine.Change;
import io.plumbery.engine.PlanPreview;
import io.plumbery.engine.Planned;
import io.plumbery.engine.Target;
import io.plumbery.fittings.model.Facility;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code plan}: one line per change under its facility ({@code +} create, {@code ~} update, {@code -/+} replace,
 * {@code -} delete, blank for no change), then the counts; or the changes and counts as one JSON document.
 */
public final class PlanView implements View {

    /** The JSON document of {@code plan --json}; {@code summary} counts every action, by its lower-case name. */
    record JsonPlan(String plan, String file, List<Change> changes, Map<String, Integer> summary) {
    }

    private final PlanPreview preview;

    public PlanView(PlanPreview preview) {
        this.preview = preview;
    }

    @Override
    public void json(PrintWriter out) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        preview.counts().forEach((a, n) -> summary.put(a.name().toLowerCase(Locale.ROOT), n));
        out.println(Json.write(new JsonPlan(preview.plan().name(), String.valueOf(preview.plan().source()),
                preview.planned().stream().map(Planned::change).toList(), summary)));
    }

    @Override
    public void human(PrintWriter out) {
        out.println("Plan " + preview.plan().name() + " (" + preview.plan().source() + ")");
        Facility current = null;
        boolean roles = false;
        int width = preview.planned().stream().mapToInt(p -> p.change().address().length()).max().orElse(10);
        for (Planned p : preview.planned()) {
            Facility f = p.target().facility();
            if (p.target() instanceof Target.Role && !roles) {
                roles = true;
                out.println();
                out.println("cluster roles (set through the leading master once the cluster is up)");
            } else if (f != null && f != current) {
                current = f;
                out.println();
                out.println("facility " + f.name() + " (provider " + f.provider() + ")");
            }
            Change c = p.change();
            out.printf("  %s %-" + width + "s  %s%s%n", c.action().symbol(), c.address(), c.summary(),
                    c.reason() == null ? "" : "  [" + c.reason() + "]");
        }
        out.println();
        Map<Action, Integer> counts = preview.counts();
        out.printf("Plan: %d to create, %d to update, %d to replace, %d to delete, %d unchanged.%n",
                counts.get(Action.CREATE), counts.get(Action.UPDATE), counts.get(Action.REPLACE),
                counts.get(Action.DELETE), counts.get(Action.NO_OP));
    }
}
