package io.plumbery.providers.local;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(RunsNodes.class)}: the test class runs only where real nodes can ({@link HostCheck#whyNot()}),
 * else it is skipped with the reason, before any of its set-up runs.
 */
final class RunsNodes implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = HostCheck.whyNot();
        return why == null ? ConditionEvaluationResult.enabled("this host can run nodes")
                : ConditionEvaluationResult.disabled(context.getDisplayName() + " skipped: " + why);
    }
}
