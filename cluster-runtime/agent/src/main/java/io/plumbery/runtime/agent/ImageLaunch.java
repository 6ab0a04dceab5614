package io.plumbery.runtime.agent;

import io.plumbery.runtime.images.ImageConfig;
import io.plumbery.runtime.protocol.CommandInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs in an image's container, as Mesos's docker/runtime isolator decides it from the image's config and the
 * task's CommandInfo: a shell command ({@code shell}, the default) or an executable {@code value} ignore the image's
 * Entrypoint and Cmd; otherwise the Entrypoint runs with the task's {@code arguments}, else with the Cmd (and with no
 * Entrypoint, the Cmd is the program, the task's arguments after it). The image's Env comes first and the agent's
 * and the task's variables over it; the working directory is the image's WorkingDir, else the sandbox.
 */
final class ImageLaunch {
    static final String SANDBOX = "/mnt/mesos/sandbox";
    /** Mesos's PATH for a container whose image sets none. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ImageLaunch() {
    }

    static String workingDir(ImageConfig image) {
        return image.workingDir() != null ? image.workingDir() : SANDBOX;
    }

    static List<String> argv(ImageConfig image, CommandInfo command) throws LaunchRefused {
        if (command != null && (command.isShell() || command.value() != null)) {
            return ProcessContainer.argv(command);
        }
        List<String> arguments = command == null || command.arguments() == null ? List.of() : command.arguments();
        List<String> argv = new ArrayList<>();
        if (!image.entrypoint().isEmpty()) {
            argv.addAll(image.entrypoint());
            argv.addAll(arguments.isEmpty() ? image.cmd() : arguments);
        } else {
            argv.addAll(image.cmd());
            argv.addAll(arguments);
        }
        if (argv.isEmpty()) {
            throw new LaunchRefused("Failed to launch container: no executable: the task has no command and its "
                    + "image neither Entrypoint nor Cmd");
        }
        return List.copyOf(argv);
    }

    static Map<String, String> environment(ImageConfig image, Map<String, String> agentEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        for (String variable : image.env()) {
            int eq = variable.indexOf('=');
            if (eq > 0) {
                env.put(variable.substring(0, eq), variable.substring(eq + 1));
            }
        }
        env.putAll(agentEnvironment);
        env.put("MESOS_SANDBOX", SANDBOX);
        return env;
    }
}
