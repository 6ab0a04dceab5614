package io.plumbery.runtime.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths of an image's root filesystem resolved as the container will see them, never as the host would: a symlink
 * met on the way is followed inside the root (an absolute target starts again from the root, {@code ..} stops at
 * it), so that no layer entry, and nothing the agent prepares in a rootfs, lands outside it.
 */
final class InRoot {
    private static final int MAX_LINKS = 40;

    private InRoot() {
    }

    /** A layer entry's name as components: leading {@code ./} and {@code /} dropped; {@code ..} refused. */
    static String clean(String name) throws IOException {
        String n = name.replace('\\', '/');
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.startsWith("/") ? n.substring(1) : n.substring(2);
        }
        StringBuilder out = new StringBuilder();
        for (String part : n.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new IOException("Layer entry '" + name + "' escapes the root filesystem");
            }
            out.append(out.length() == 0 ? "" : "/").append(part);
        }
        return out.toString();
    }

    /** {@code relative}'s directory resolved in {@code root} (its symlinks followed inside it), then its last name. */
    static Path parentResolved(Path root, String relative) throws IOException {
        int slash = relative.lastIndexOf('/');
        Path parent = slash < 0 ? root : resolve(root, relative.substring(0, slash));
        return parent.resolve(slash < 0 ? relative : relative.substring(slash + 1));
    }

    /** Every component of {@code relative} resolved in {@code root}, symlinks included. */
    static Path resolve(Path root, String relative) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, relative);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path here = path(root, done).resolve(part);
            if (Files.isSymbolicLink(here)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("Too many levels of symbolic links under " + root + " at " + relative);
                }
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            } else {
                done.addLast(part);
            }
        }
        return path(root, done);
    }

    /** A directory at {@code relative} (and its parents), created as real directories inside {@code root}. */
    static Path directory(Path root, String relative) throws IOException {
        Path dir = resolve(root, relative);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(dir);
        }
        Files.createDirectories(dir);
        return dir;
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path path(Path root, Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
