package org.groklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the command line in-process through {@link Main#run} and compares directories byte for byte. */
public final class CliRunner {
    private CliRunner() {
    }

    /** An exit code and what was printed. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * SHA-256 of every file under {@code dir} by relative path, leaving out what is not meant to be reproducible:
     * wall-clock files (timing.csv, summary.json), figures, the lock file and the errors list.
     */
    public static Map<String, String> reproducibleFiles(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || rel.contains("figures") || name.equals("timing.csv")
                        || name.equals("summary.json") || name.equals(".groklab.lock")) {
                    continue;
                }
                files.put(rel, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /** Every path under {@code dir} (relative), for checks that nothing was written. */
    public static java.util.List<String> listing(Path dir) {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
