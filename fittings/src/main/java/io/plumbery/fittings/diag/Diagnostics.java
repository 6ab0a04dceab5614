package io.plumbery.fittings.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a plan so that the user sees all of them at once, in file order. */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(SourceRange where, String message) {
        all.add(Diagnostic.error(where, message));
    }

    public void warning(SourceRange where, String message) {
        all.add(Diagnostic.warning(where, message));
    }

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics, sorted by position, without exact duplicates. */
    public List<Diagnostic> list() {
        return all.stream().distinct().sorted(Diagnostic.BY_POSITION).toList();
    }
}
