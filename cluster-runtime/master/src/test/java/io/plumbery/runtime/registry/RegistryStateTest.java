package io.plumbery.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The leader's copy of the registry: where a registering agent comes from, marking, held reconciliations. */
class RegistryStateTest {
    final RegistryState state = new RegistryState();

    void recover() {
        state.recover(Registry.EMPTY.admit(RegistryTest.agent("a")).admit(RegistryTest.agent("b"))
                .markUnreachable(List.of("u"), RegistryTest.at(9)).markGone(new Mark("g", RegistryTest.at(9)))
                .removeFramework(new Mark("fw", RegistryTest.at(9))));
    }

    @Test
    void recoveredAgentsAreRecoveringUntilTheyRegisterAndSayWhereTheyComeFrom() {
        recover();
        assertThat(state.recovering()).extracting(AdmittedAgent::id).containsExactly("a", "b");
        assertThat(state.isGone("g")).isTrue();
        assertThat(state.isRemovedFramework("fw")).isTrue();
        assertThat(state.unreachableSince("u")).contains(RegistryTest.at(9));

        assertThat(state.startRegistering("a")).isTrue();
        assertThat(state.registered("a", false)).isEqualTo(RegistryState.Return.RECOVERED);
        assertThat(state.registered("u", false)).isEqualTo(RegistryState.Return.UNREACHABLE);
        assertThat(state.unreachableSince("u")).isEmpty();
        assertThat(state.registered("new", false)).isEqualTo(RegistryState.Return.NEW);
        assertThat(state.registered("a", true)).isEqualTo(RegistryState.Return.REGISTERED);
        assertThat(state.recovering()).extracting(AdmittedAgent::id).containsExactly("b");
    }

    @Test
    void anAgentBeingMarkedUnreachableMayNotRegisterAndOneRegisteringIsNotMarked() {
        recover();
        assertThat(state.startRegistering("a")).isTrue();
        List<AdmittedAgent> missing = state.takeRecoveringForTimeout();
        assertThat(missing).extracting(AdmittedAgent::id).containsExactly("b");
        assertThat(state.startRegistering("b")).isFalse();
        // still recovering (its tasks' reconciliation held) until the registry says unreachable
        assertThat(state.isRecovering("b")).isTrue();
        state.markedUnreachable("b", RegistryTest.at(10));
        assertThat(state.isRecovering("b")).isFalse();
        assertThat(state.unreachableSince("b")).contains(RegistryTest.at(10));
        assertThat(state.startRegistering("b")).isTrue();
        state.markedGone("b", RegistryTest.at(11));
        assertThat(state.isGone("b")).isTrue();
        assertThat(state.unreachableSince("b")).isEmpty();
    }

    @Test
    void heldReconciliationsAreReleasedByTheirAgentOrWhenNoAgentIsRecoveringAnyMore() {
        recover();
        RegistryState.Held onA = new RegistryState.Held("fw1", "t1", "a");
        RegistryState.Held anywhere = new RegistryState.Held("fw1", "t2", null);
        state.hold(onA);
        state.hold(onA);
        state.hold(anywhere);
        state.registered("a", false);
        assertThat(state.release("a")).containsExactly(onA);
        assertThat(state.anyRecovering()).isTrue();
        state.registered("b", false);
        assertThat(state.release("b")).containsExactly(anywhere);
        assertThat(state.release("b")).isEmpty();
        long term = state.term();
        state.recover(Registry.EMPTY);
        assertThat(state.term()).isEqualTo(term + 1);
        assertThat(state.isGone("g")).isFalse();
    }
}
