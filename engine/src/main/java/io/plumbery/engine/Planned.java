package io.plumbery.engine;

/** A change together with its target. */
public record Planned(Change change, Target target) {
}
