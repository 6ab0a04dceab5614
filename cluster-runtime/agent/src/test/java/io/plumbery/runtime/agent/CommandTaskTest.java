package io.plumbery.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbery.runtime.protocol.CommandInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTaskTest {

    @Test
    void shellCommandsRunUnderShWithExitStatusRecorded() {
        List<String> argv = TaskContainer.recordingExit(
                ProcessContainer.argv(new CommandInfo(null, null, true, "echo hi && exit 2", null, null)));
        assertThat(argv.subList(0, 2)).containsExactly("/bin/sh", "-c");
        assertThat(argv.get(2)).contains("\"$0\" \"$@\"").contains(CommandTask.EXIT_FILE);
        assertThat(argv.subList(3, argv.size())).containsExactly("/bin/sh", "-c", "echo hi && exit 2");
    }

    @Test
    void nonShellCommandsExecValueWithArgumentsAfterArgvZero() {
        List<String> argv = ProcessContainer.argv(new CommandInfo(null, null, false, "/bin/echo",
                List.of("echo", "a b", "c"), null));
        assertThat(argv).containsExactly("/bin/echo", "a b", "c");
    }
}
