package io.plumbery.engine;

/** What applying a change does to one resource, as {@code plan} shows it. */
public enum Action {
    CREATE("+"), UPDATE("~"), REPLACE("-/+"), DELETE("-"), NO_OP(" ");

    private final String symbol;

    Action(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
