package io.plumbery.engine;

import io.plumbery.fittings.model.Plan;
import io.plumbery.state.State;
import io.plumbery.state.StateException;
import io.plumbery.state.StateStore;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What {@code plan} shows: the changes deploy would make, against the state as it is now. */
public record PlanPreview(Plan plan, List<Planned> planned) {

    public PlanPreview {
        planned = List.copyOf(planned);
    }

    /** A dry run: the state is read without its lock, and nothing is touched. */
    public static PlanPreview read(Plan plan, Path stateDir, Selection selection) throws StateException {
        Workspace workspace = Workspace.of(plan, stateDir);
        State state = StateStore.peek(workspace.stateFile(), plan.name());
        List<Planned> planned = new java.util.ArrayList<>(Planner.deploy(plan, state, selection));
        planned.addAll(ClusterRoles.preview(plan, workspace.dir())); // its own step, once the cluster is up
        return new PlanPreview(plan, planned);
    }

    /** How many changes of each action, in the order of {@link Action}; actions with none count 0. */
    public Map<Action, Integer> counts() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, 0);
        }
        planned.forEach(p -> counts.merge(p.change().action(), 1, Integer::sum));
        return counts;
    }
}
