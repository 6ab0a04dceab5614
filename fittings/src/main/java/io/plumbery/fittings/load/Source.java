package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.diag.SourceRange;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;

/** The file being read and where its problems are collected. */
final class Source {

    private final Path file;
    private final Diagnostics diagnostics;

    Source(Path file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    Path file() {
        return file;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    SourceRange at(Mark mark) {
        return mark == null ? new SourceRange(file, 1, 1) : new SourceRange(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    SourceRange at(Node node) {
        return at(node.getStartMark());
    }

    void error(Node node, String message) {
        diagnostics.error(at(node), message);
    }

    void warning(Node node, String message) {
        diagnostics.warning(at(node), message);
    }
}
