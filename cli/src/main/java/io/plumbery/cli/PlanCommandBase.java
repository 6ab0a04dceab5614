package io.plumbery.cli;

import io.plumbery.engine.Outcome;
import io.plumbery.engine.PlanFit;
import io.plumbery.engine.Session;
import io.plumbery.fittings.diag.Diagnostic;
import io.plumbery.fittings.diag.Diagnostics;
import io.plumbery.fittings.load.FittingsLoader;
import io.plumbery.fittings.load.LoadResult;
import io.plumbery.fittings.load.ParameterFile;
import io.plumbery.fittings.load.ParameterInput;
import io.plumbery.fittings.model.Plan;
import io.plumbery.state.StateException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What every command on a plan has: the plan read and checked against its providers (all its errors at once, exit 2,
 * nothing touched), its session, its progress lines and its exit codes.
 */
abstract class PlanCommandBase implements Callable<Integer> {

    @ParentCommand
    Plumbery root;

    @Spec
    CommandSpec spec;

    /** The plan, or null once its errors are printed. */
    Plan loadPlan() {
        Diagnostics inputProblems = new Diagnostics();
        List<ParameterInput> inputs = new ArrayList<>();
        root.parameterFiles.forEach(f -> inputs.addAll(ParameterFile.read(f, inputProblems)));
        inputs.addAll(ParameterValues.of(System.getenv(), root.parameters, inputProblems));
        LoadResult loaded = FittingsLoader.load(root.fittings, inputs);
        List<Diagnostic> diagnostics = new ArrayList<>(inputProblems.list());
        diagnostics.addAll(loaded.diagnostics());
        loaded.plan().ifPresent(p -> diagnostics.addAll(PlanFit.check(p))); // what its providers cannot do
        diagnostics.forEach(d -> err().println(d.format()));
        if (loaded.plan().isEmpty() || diagnostics.stream().anyMatch(Diagnostic::isError)) {
            long errors = diagnostics.stream().filter(Diagnostic::isError).count();
            err().println(errors + " error" + (errors == 1 ? "" : "s") + " in the plan; nothing was done.");
            return null;
        }
        return loaded.plan().get();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ConsoleProgress progress() {
        return new ConsoleProgress(out(), root.quiet);
    }

    Session session(Plan plan) throws StateException {
        return Session.open(plan, root.stateDir);
    }

    int parallel() {
        return root.parallel;
    }

    /** Prints what failed and returns the exit code of an outcome. */
    int report(String action, Outcome outcome, ConsoleProgress progress) {
        if (outcome.ok()) {
            if (!root.quiet) {
                out().printf("%s done in %.1fs: %d changed, %d unchanged.%n", action, progress.elapsedSeconds(),
                        outcome.changed(), outcome.unchanged());
            }
            return ExitCodes.OK;
        }
        err().printf("%s failed after %.1fs; %d problem(s):%n", action, progress.elapsedSeconds(),
                outcome.failures().size());
        outcome.failures().forEach(f -> err().println("  " + f.address() + ": " + f.reason()));
        err().println("Everything built so far is recorded in the state: run the action again to resume.");
        return ExitCodes.FAILED;
    }

    /** safeMode refuses destructive actions, before anything is touched. */
    boolean refusedBySafeMode(Plan plan, String action) {
        if (plan.safeMode()) {
            err().println("error: safeMode is true in " + root.fittings + ": '" + action
                    + "' is refused. Set 'safeMode: false' in the plan to allow destructive actions.");
            return true;
        }
        return false;
    }
}
