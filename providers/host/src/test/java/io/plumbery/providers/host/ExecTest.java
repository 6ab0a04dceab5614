package io.plumbery.providers.host;

import io.plumbery.providers.ProviderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecTest {

    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void exitCodeAndBothOutputs() throws Exception {
        Exec.Result r = Exec.run(T, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exit());
        assertFalse(r.ok());
        assertEquals("out\n", r.out());
        assertEquals("err\n", r.err());
        assertEquals("err\n", r.why(), "standard error holds the reason when there is any");
        assertEquals("out\n", Exec.run(T, List.of("sh", "-c", "echo out; exit 1")).why());
    }

    @Test
    void shellValuesAreNeverReadAsShellSyntax(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("a b $(touch pwned) `touch pwned2` 'q\"; touch pwned3");
        Files.createDirectories(odd);
        Files.writeString(odd.resolve("f"), "x");
        Exec.Result r = Exec.run(T, Exec.shell("printf '%s|' \"$1\"; test -f \"$1/f\" && rm -rf \"$1\"/*",
                odd.toString()));
        assertTrue(r.ok(), r.why());
        assertEquals(odd + "|", r.out(), "the value arrives as one word, unchanged");
        assertFalse(Files.exists(odd.resolve("f")), "the glob after the quoted value still works");
        try (var left = Files.list(dir)) {
            assertEquals(List.of(odd.getFileName().toString()), left.map(p -> p.getFileName().toString()).toList(),
                    "nothing in the value ran");
        }
        try (var left = Files.list(Path.of("."))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("pwned")));
        }
    }

    @Test
    void checkFailsWithTheCommandAndItsLastLines() throws Exception {
        assertEquals("fine\n", Exec.check(T, List.of("sh", "-c", "echo fine")));
        ProviderException e = assertThrows(ProviderException.class, () -> Exec.check(T, List.of("sh", "-c",
                "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line$i >&2; done; exit 3")));
        assertTrue(e.getMessage().startsWith("sh -c for i in"), e.getMessage());
        assertTrue(e.getMessage().contains("failed (exit 3): line3\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("line12"), e.getMessage());
        assertFalse(e.getMessage().contains("line2\n"), "ten lines at most: " + e.getMessage());
        assertFalse(e.retryable());
    }

    @Test
    void inputDirectoryAndEnvironment(@TempDir Path dir) throws Exception {
        assertEquals("given\n", Exec.run(T, List.of("cat"), "given\n").out());
        assertEquals("", Exec.run(T, List.of("cat")).out(), "no input: empty, not a pipe left open");
        Exec.Result r = Exec.run(T, List.of("sh", "-c", "pwd; echo $FOO $LC_ALL"), dir, Map.of("FOO", "bar"));
        assertEquals(dir.toRealPath() + "\nbar C\n", r.out());
    }

    @Test
    void outputLargerThanAPipeIsReadWhileTheCommandRuns() throws Exception {
        Exec.Result r = Exec.run(T, List.of("sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x; "
                + "head -c 300000 /dev/zero | tr '\\0' y >&2"));
        assertTrue(r.ok());
        assertEquals(1_000_000, r.out().length());
        assertEquals(300_000, r.err().length());
    }

    @Test
    void aTimeoutKillsTheWholeTreeAndShowsTheLastOutput() throws Exception {
        long started = System.nanoTime();
        ProviderException e = assertThrows(ProviderException.class, () -> Exec.run(Duration.ofMillis(500),
                List.of("sh", "-c", "sleep 60 & echo child $!; wait")));
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "not the sleep's 60 s");
        assertTrue(e.retryable());
        assertTrue(e.getMessage().startsWith("sh -c sleep 60 & echo child $!; wait did not finish within 0 s; "
                + "last output:\nchild "), e.getMessage());
        long child = Long.parseLong(e.getMessage().substring(e.getMessage().lastIndexOf(' ') + 1).strip());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running(child) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000); // SIGKILL was sent; its delivery is not synchronous
        }
        assertFalse(running(child), "the sleep went too");
    }

    /** Alive and not a zombie (killed orphans wait for whoever reaps them here). */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aCommandThatIsNotThereIsSaidSo() {
        ProviderException e = assertThrows(ProviderException.class, () -> Exec.run(T,
                List.of("/nonexistent/plumbery-no-such-command")));
        assertTrue(e.getMessage().startsWith("cannot run /nonexistent/plumbery-no-such-command: "), e.getMessage());
    }

    @Test
    void loggedAppendsToTheLogAndFailsWithItsLastLines(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("build.log");
        Exec.logged(T, List.of("sh", "-c", "echo $DEBIAN_FRONTEND; echo to-err >&2"), log);
        assertEquals("noninteractive\nto-err\n", Files.readString(log));
        ProviderException e = assertThrows(ProviderException.class,
                () -> Exec.logged(T, List.of("sh", "-c", "echo one; echo two; exit 4"), log));
        assertTrue(e.getMessage().contains("failed (exit 4); last lines of " + log + ":\n"), e.getMessage());
        assertTrue(e.getMessage().endsWith("to-err\none\ntwo"), e.getMessage());
        ProviderException slow = assertThrows(ProviderException.class,
                () -> Exec.logged(Duration.ofMillis(300), List.of("sleep", "60"), log));
        assertEquals("sleep 60 did not finish within 0 s; see " + log, slow.getMessage());
    }

    @Test
    void tails(@TempDir Path dir) throws Exception {
        assertEquals("b\nc", Exec.tail("a\nb\nc\n", 2));
        assertEquals("a", Exec.tail("a", 5));
        Path file = dir.resolve("f");
        Files.writeString(file, "1\n2\n3\n");
        assertEquals("2\n3", Exec.tailOf(file, 2));
        assertTrue(Exec.tailOf(dir.resolve("missing"), 2).startsWith("(cannot read "));
    }
}
