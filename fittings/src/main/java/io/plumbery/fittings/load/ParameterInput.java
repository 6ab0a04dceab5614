package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.SourceRange;
import io.plumbery.fittings.model.Parameter;

/**
 * A parameter value given from outside the plan.
 *
 * @param where where it was written ({@code params.yaml:3:5}), or null for {@code -P name=value}
 */
public record ParameterInput(String name, String value, Parameter.Origin origin, SourceRange where) {
}
