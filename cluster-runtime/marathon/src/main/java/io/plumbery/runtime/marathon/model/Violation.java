package io.plumbery.runtime.marathon.model;

import java.util.List;

/** One entry of Marathon's 422 answer: a JSON pointer-like path and its errors. */
public record Violation(String path, List<String> errors) {
    public static Violation of(String path, String error) {
        return new Violation(path, List.of(error));
    }
}
