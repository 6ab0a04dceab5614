package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.Parameter;

/**
 * A parameter value given from outside the plan.
 *
 * @param where where it was written ({@code params.yaml:3:5}), or null when it was not written in a file
 * @param given how it was given, for messages when {@code where} is null: {@code -P name=value}, or words that do
 *              not repeat a value that may be secret ({@code -P name=@FILE}, {@code PLUMBERY_PARAM_name})
 */
public record ParameterInput(String name, String value, Parameter.Origin origin, SourceRange where, String given) {

    /** A value given as {@code -P name=value}, or written at {@code where}. */
    public ParameterInput(String name, String value, Parameter.Origin origin, SourceRange where) {
        this(name, value, origin, where, "-P " + name + "=" + value);
    }
}
