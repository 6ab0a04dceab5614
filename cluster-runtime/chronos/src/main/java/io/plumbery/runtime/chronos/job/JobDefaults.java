package io.plumbery.runtime.chronos.job;

/**
 * What a job gets for the fields it leaves out or sets to 0, from Chronos's flags ({@code --mesos_task_cpu},
 * {@code --mesos_task_mem}, {@code --mesos_task_disk}, {@code --user}, {@code --task_epsilon} in seconds).
 */
public record JobDefaults(double cpus, double mem, double disk, String user, long epsilonSeconds) {
    public static JobDefaults chronos() {
        return new JobDefaults(0.1, 128, 256, "root", 60);
    }
}
