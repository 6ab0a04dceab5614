package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.model.Plan;

import java.util.List;
import java.util.Optional;

/** A plan, or the reasons there is none; warnings may come with a plan. */
public record LoadResult(Optional<Plan> plan, List<Diagnostic> diagnostics) {

    public LoadResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return plan.isPresent();
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }
}
