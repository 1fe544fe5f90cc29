package org.groklab.web;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code metrics.csv} by column name, from a byte offset on: only complete lines (ending in a newline) are
 * returned, with the offset after the last one, so that a run still writing its file can be followed by asking again
 * from that offset.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    /** Columns from the header; rows of numbers (NaN for empty or unreadable cells); the offset to continue from. */
    public record Chunk(List<String> columns, List<double[]> rows, long offset) {
        public int column(String name) {
            return columns.indexOf(name);
        }
    }

    /** The header's column names, or an empty list when the header is not written yet. */
    public static List<String> header(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            String line = f.readLine();
            if (line == null || f.getFilePointer() > f.length() || !endsLine(f)) {
                return List.of();
            }
            return List.of(line.strip().split(","));
        }
    }

    private static boolean endsLine(RandomAccessFile f) throws IOException {
        long pos = f.getFilePointer();
        if (pos == 0) {
            return false;
        }
        f.seek(pos - 1);
        boolean ok = f.read() == '\n';
        f.seek(pos);
        return ok;
    }

    /** The rows from {@code offset} (0: from the start, the header skipped) to the last complete line. */
    public static Chunk read(Path file, long offset) throws IOException {
        List<String> columns = header(file);
        if (columns.isEmpty()) {
            return new Chunk(columns, List.of(), 0);
        }
        byte[] all;
        long start;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.readLine();
            long dataStart = f.getFilePointer();
            start = Math.max(offset, dataStart);
            long length = f.length();
            if (start >= length) {
                return new Chunk(columns, List.of(), Math.max(start, dataStart));
            }
            all = new byte[(int) (length - start)];
            f.seek(start);
            f.readFully(all);
        }
        int end = all.length;
        while (end > 0 && all[end - 1] != '\n') {
            end--; // a half-written last line is left for the next read
        }
        List<double[]> rows = new ArrayList<>();
        String text = new String(all, 0, end, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[columns.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = i < cells.length ? number(cells[i]) : Double.NaN;
            }
            rows.add(row);
        }
        return new Chunk(columns, rows, start + end);
    }

    /** The last complete row, read from the file's tail (cheap for long files), or null. */
    public static double[] lastRow(Path file, List<String> columns) throws IOException {
        long size = Files.size(file);
        int tail = (int) Math.min(size, 8192);
        byte[] bytes = new byte[tail];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(size - tail);
            f.readFully(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end <= 0) {
            return null;
        }
        int begin = text.lastIndexOf('\n', end - 1) + 1;
        if (begin == 0 && tail < size) {
            return null;
        }
        String line = text.substring(begin, end);
        String[] cells = line.split(",", -1);
        if (cells.length != columns.size() || line.equals(String.join(",", columns))) {
            return null;
        }
        double[] row = new double[cells.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = number(cells[i]);
        }
        return row;
    }

    static double number(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
