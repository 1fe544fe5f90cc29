package org.groklab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Copies a directory tree, for tests that need a second copy of a run or a sweep. */
public final class TreeCopy {
    private TreeCopy() {
    }

    /** Copies {@code from} into {@code to} (which must not hold the files yet). */
    public static Path copy(Path from, Path to) {
        return copy(from, to, rel -> false);
    }

    /** Copies {@code from} into {@code to}, leaving out the paths (relative to {@code from}) that {@code skip} accepts. */
    public static Path copy(Path from, Path to, Predicate<Path> skip) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (skip.test(rel)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
