package org.groklab.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.groklab.spec.SpecException;

/**
 * Checks a run's metrics.csv before a resume appends to it: the header the run's model writes, then rows of one
 * number per column, steps increasing. The last line, when it lacks its line break, was torn by an interruption: it
 * is dropped (resume recomputes it). Anything else wrong is a one-line {@link SpecException} naming the file and line.
 */
public final class MetricsFile {
    private static final Pattern STEP = Pattern.compile("\\d{1,18}");
    private static final Pattern NUMBER =
            Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?|-?Infinity|NaN");

    private MetricsFile() {
    }

    /** The content to keep: the header and the valid rows up to {@code step} (all of them checked). */
    public static String keepUpTo(Path file, String header, long step) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String repair = "; restore it from a copy, or train the run again into a new directory";
        if (text.isEmpty()) {
            throw new SpecException("RUN_DIR", file + " is empty: expected the header '" + header + "'" + repair);
        }
        String[] lines = text.split("\n", -1);
        // text ends with '\n' when complete: the split then ends with an empty string; otherwise the last is torn
        int complete = lines.length - 1;
        if (complete == 0 || !lines[0].equals(header)) {
            throw new SpecException("RUN_DIR", file + ": line 1 is not the header this run writes ('"
                    + abbreviate(header) + "')" + repair);
        }
        int columns = header.split(",", -1).length;
        StringBuilder keep = new StringBuilder(header).append('\n');
        long previous = -1;
        for (int i = 1; i < complete; i++) {
            String[] cells = lines[i].split(",", -1);
            String where = file + ": line " + (i + 1) + " ";
            if (cells.length != columns) {
                throw new SpecException("RUN_DIR", where + "has " + cells.length + " cells, the header " + columns
                        + repair);
            }
            if (!isStep(cells[0])) {
                throw new SpecException("RUN_DIR", where + "has step '" + abbreviate(cells[0])
                        + "', not a whole number" + repair);
            }
            for (int c = 1; c < columns; c++) {
                if (!isNumber(cells[c])) {
                    throw new SpecException("RUN_DIR", where + "column " + (c + 1) + " is '" + abbreviate(cells[c])
                            + "', not a number" + repair);
                }
            }
            long s = Long.parseLong(cells[0]);
            if (s <= previous) {
                throw new SpecException("RUN_DIR", where + "has step " + s + " after step " + previous
                        + " (steps must increase)" + repair);
            }
            previous = s;
            if (s <= step) {
                keep.append(lines[i]).append('\n');
            }
        }
        return keep.toString();
    }

    static boolean isStep(String s) {
        return STEP.matcher(s).matches();
    }

    static boolean isNumber(String s) {
        return NUMBER.matcher(s).matches();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
