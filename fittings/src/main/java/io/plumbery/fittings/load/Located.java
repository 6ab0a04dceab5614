package io.plumbery.fittings.load;

import io.plumbery.fittings.diag.SourceRange;

/** A value and where the plan wrote it, for checks that compare values across the plan. */
record Located<T>(T value, SourceRange where) {
}
