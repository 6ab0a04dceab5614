package io.plumbery.runtime.chronos.scheduler;

import io.plumbery.runtime.chronos.job.ChronosException;
import io.plumbery.runtime.chronos.job.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependencies between jobs, drawn from their {@code parents}: which parents of a job have succeeded since it last
 * ran (it runs when all have), whether a new job closes a cycle, and the DOT text of {@code /v1/scheduler/graph/dot}.
 */
final class JobGraph {
    private final Map<String, Set<String>> succeededParents = new HashMap<>();

    /** The children of {@code parent} that are now due: those whose every parent has succeeded since their last run. */
    List<Job> parentSucceeded(String parent, Collection<Job> jobs) {
        List<Job> due = new ArrayList<>();
        for (Job child : jobs) {
            if (child.parents().contains(parent) && !child.disabled()) {
                Set<String> done = succeededParents.computeIfAbsent(child.name(), c -> new HashSet<>());
                done.add(parent);
                if (done.containsAll(child.parents())) {
                    done.clear();
                    due.add(child);
                }
            }
        }
        return due;
    }

    void forget(String job) {
        succeededParents.remove(job);
    }

    /** Refuses a dependent job whose parents are not all jobs, or that would depend on itself through them. */
    static void checkParents(Job job, Map<String, Job> jobs) {
        for (String parent : job.parents()) {
            if (!jobs.containsKey(parent) && !parent.equals(job.name())) {
                throw ChronosException.message("requirement failed: JobSchedule " + job.name()
                        + " does not have all parents defined!");
            }
        }
        Deque<String> todo = new ArrayDeque<>(job.parents());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals(job.name())) {
                throw ChronosException.message("requirement failed: JobSchedule " + job.name() + " would depend on itself");
            }
            Job j = jobs.get(name);
            if (seen.add(name) && j != null) {
                todo.addAll(j.parents());
            }
        }
    }

    /**
     * The children of a deleted job as Chronos rewrites them: one with other parents loses this one; one with no
     * other parent takes the deleted job's schedule, or its parents.
     */
    static List<Job> orphansOf(Job deleted, Collection<Job> jobs) {
        List<Job> out = new ArrayList<>();
        for (Job child : jobs) {
            List<String> parents = new ArrayList<>(child.parents());
            if (!parents.remove(deleted.name())) {
                continue;
            }
            if (!parents.isEmpty()) {
                out.add(child.withParents(parents));
            } else if (deleted.scheduled()) {
                out.add(child.withScheduleOf(deleted));
            } else {
                out.add(child.withParents(deleted.parents()));
            }
        }
        return out;
    }

    /** The graph in DOT, as Chronos's exporter writes it: vertices numbered from 1 and labelled with the job names. */
    static String dot(Collection<Job> jobs) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        StringBuilder out = new StringBuilder("digraph G {\n");
        for (Job j : jobs) {
            ids.put(j.name(), ids.size() + 1);
            out.append("  ").append(ids.size()).append(" [ label=\"").append(j.name()).append("\" ];\n");
        }
        for (Job j : jobs) {
            for (String parent : j.parents()) {
                if (ids.containsKey(parent)) {
                    out.append("  ").append(ids.get(parent)).append(" -> ").append(ids.get(j.name())).append(";\n");
                }
            }
        }
        return out.append("}\n").toString();
    }
}
