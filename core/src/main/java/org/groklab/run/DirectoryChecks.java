package org.groklab.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.groklab.spec.SpecException;

/**
 * Checks a writer makes on a run or sweep directory before writing: that it can be created, that none of its parts
 * is a symbolic link (which would make groklab write outside the directory), and the removal of temporary files an
 * interrupted atomic write left behind.
 */
public final class DirectoryChecks {
    /** The name {@link AtomicFiles} gives its temporary files: {@code .<target>.<16 hex digits>.tmp}. */
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");

    private DirectoryChecks() {
    }

    /** Refuses a directory that cannot be created because one of its ancestors is a file. */
    public static void checkCreatable(Path dir, String field) {
        for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new SpecException(field, p + " is a file, not a directory: cannot create " + dir);
                }
                return;
            }
        }
    }

    /**
     * Refuses a directory holding a symbolic link among its entries, down to {@code depth} levels (1: its own
     * entries, 2: also the entries of its subdirectories).
     */
    public static void refuseLinks(Path dir, int depth, String field) {
        try (Stream<Path> s = Files.walk(dir, depth)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.equals(dir) && Files.isSymbolicLink(p)) {
                    throw new SpecException(field, p + " is a symbolic link; groklab writes only inside " + dir
                            + " and never through links: replace it by a plain " + (Files.isDirectory(p)
                            ? "directory" : "file"));
                }
            }
        } catch (IOException e) {
            throw new SpecException(field, "cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** Deletes the temporary files of interrupted atomic writes in {@code dir} and its subdirectories (one level). */
    public static List<Path> removeStrayTemps(Path dir) {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir, 2)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (TEMP.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return removed;
    }

    /** True for a name {@link AtomicFiles} gives a temporary file. */
    public static boolean isTemp(String name) {
        return TEMP.matcher(name).matches();
    }
}
