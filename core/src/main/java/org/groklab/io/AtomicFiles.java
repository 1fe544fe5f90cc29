package org.groklab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic file replacement: content is written to a temporary file in the target's directory,
 * forced to disk, and then renamed over the target with {@code ATOMIC_MOVE | REPLACE_EXISTING}.
 *
 * <p>Readers therefore see either the complete old file or the complete new file, never a
 * partially written one, even if the process dies mid-write. A leftover temporary file (named
 * {@code .<target>.<random>.tmp}) can only remain after a hard crash. The target's parent
 * directory must already exist.
 */
public final class AtomicFiles {

    /** Streams content into an output stream; used by {@link #write(Path, Content)}. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the complete file content.
         *
         * @param out stream to the temporary file; it must not be closed by the callee
         * @throws IOException if producing or writing the content fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * Atomically replaces {@code target} with {@code bytes}.
     *
     * @param target file to create or replace
     * @param bytes  complete new content
     * @throws IOException if writing, syncing or renaming fails (the target is then unchanged)
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code target} with the UTF-8 encoding of {@code s}.
     *
     * @param target file to create or replace
     * @param s      complete new content
     * @throws IOException if writing, syncing or renaming fails (the target is then unchanged)
     */
    public static void writeString(Path target, String s) throws IOException {
        write(target, s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code target} with whatever {@code content} streams out. Use this for
     * large files that should not be materialised in memory first.
     *
     * @param target  file to create or replace
     * @param content producer of the complete new content
     * @throws IOException if producing, writing, syncing or renaming fails (the target is then
     *                     unchanged)
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = createTemp(absolute);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        syncDirectory(absolute.getParent());
    }

    /**
     * Creates an empty, randomly named sibling of {@code target}. Unlike
     * {@link Files#createTempFile} this yields the usual umask-derived permissions rather than
     * owner-only ones, so the final file looks like any other file the user creates.
     */
    private static Path createTemp(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                return Files.createFile(target.resolveSibling("." + target.getFileName() + "." + random + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    /** Best effort: persists the rename itself. Not supported on every platform (e.g. Windows). */
    private static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The data itself is already durable; only the directory entry might lag behind.
        }
    }
}
