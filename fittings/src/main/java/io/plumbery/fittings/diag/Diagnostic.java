package io.plumbery.fittings.diag;

import java.util.Comparator;

/**
 * Something wrong (or doubtful) in a plan, at a place. Printed the way compilers do, so that editors
 * and terminals can jump to it: {@code fittings.yaml:12:5: error: unknown key 'cpus' (did you mean 'cpu'?)}.
 */
public record Diagnostic(Severity severity, String message, SourceRange where) {

    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.where() == null ? "" : String.valueOf(d.where().file()))
            .thenComparingInt(d -> d.where() == null ? 0 : d.where().line())
            .thenComparingInt(d -> d.where() == null ? 0 : d.where().column());

    public static Diagnostic error(SourceRange where, String message) {
        return new Diagnostic(Severity.ERROR, message, where);
    }

    public static Diagnostic warning(SourceRange where, String message) {
        return new Diagnostic(Severity.WARNING, message, where);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String format() {
        return (where == null ? "" : where + ": ") + severity.label() + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
