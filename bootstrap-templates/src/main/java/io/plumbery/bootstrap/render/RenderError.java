package io.plumbery.bootstrap.render;

/**
 * Why a template did not render: which template, where (1-based line and column, 0 when unknown) and what.
 */
public record RenderError(String template, int line, int column, String problem) {

    /** {@code template:line:column: problem}, the form the CLI prints. */
    @Override
    public String toString() {
        return template + ":" + line + ":" + column + ": " + problem;
    }
}
