package io.plumbery.fittings.diag;

import java.nio.file.Path;

/** A place in a plan file, 1-based line and column, as editors and compilers print them. */
public record SourceRange(Path file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
