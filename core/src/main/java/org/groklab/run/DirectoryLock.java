package org.groklab.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.groklab.spec.SpecException;

/**
 * The exclusive right to write one run or sweep directory: an OS file lock on {@value #FILE} inside it, released by
 * the OS when the process dies. A second writer gets a one-line {@link SpecException} naming the holder's pid
 * (written into the lock file). Readers never take it. The lock file stays in the directory (deleting it on release
 * would let two writers lock two different files); a directory this lock created and that is still empty but for
 * the lock file on {@link #close()} is removed again, so that bad input leaves nothing behind.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE = ".groklab.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;

    private DirectoryLock(Path dir, FileChannel channel, FileLock lock, boolean created) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
    }

    /**
     * Locks {@code dir} for writing, creating it (and its parents) when {@code create} is set and it is absent.
     *
     * @param field the argument the directory came from, named in errors (e.g. {@code --out}, {@code RUN_DIR})
     */
    public static DirectoryLock acquire(Path dir, String field, boolean create) {
        boolean created = false;
        if (!Files.isDirectory(dir)) {
            if (!create) {
                throw new SpecException(field, dir + " is not a directory");
            }
            DirectoryChecks.checkCreatable(dir, field);
            try {
                Files.createDirectories(dir);
                created = true;
            } catch (FileSystemException e) {
                throw new SpecException(field, "cannot create " + dir + ": " + e.getReason());
            } catch (IOException e) {
                throw new SpecException(field, "cannot create " + dir + ": " + e.getMessage());
            }
        }
        Path file = dir.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            throw new SpecException(field, file + " is a symbolic link; groklab does not write through links");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new SpecException(field, "cannot lock " + dir + ": " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process, through another channel
        } catch (IOException e) {
            close(channel);
            throw new SpecException(field, "cannot lock " + dir + ": " + e.getMessage());
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new SpecException(field, dir + " is being written by another groklab process (pid " + holder
                    + "); wait for it to finish or stop it");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.write(ByteBuffer.wrap(pid), 0); // over the last holder's pid, never leaving the file empty
            channel.truncate(pid.length);
            channel.force(false);
        } catch (IOException e) {
            close(channel);
            throw new SpecException(field, "cannot lock " + dir + ": " + e.getMessage());
        }
        return new DirectoryLock(dir, channel, lock, created);
    }

    /**
     * Refuses a directory another process is writing (its lock file exists and is locked), naming that process;
     * writes nothing. Lets a command that is about to refuse a directory for another reason ("not empty") name
     * the writer instead.
     */
    public static void checkNotHeld(Path dir, String field) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new SpecException(field, dir + " is being written by another groklab process (pid "
                        + holder(channel) + "); wait for it to finish or stop it");
            }
            lock.release();
        } catch (IOException e) {
            // an unreadable lock file: the caller's own check reports the directory
        }
    }

    /**
     * The pid written by the current holder, or "unknown". A holder that has just locked a new lock file may not
     * have written its pid yet: a few short retries wait for it.
     */
    private static String holder(FileChannel channel) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                ByteBuffer buf = ByteBuffer.allocate(32);
                channel.read(buf, 0);
                String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
                if (s.matches("\\d{1,19}")) {
                    return s;
                }
                Thread.sleep(5);
            } catch (IOException e) {
                return "unknown";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
        return "unknown";
    }

    public Path dir() {
        return dir;
    }

    /** Releases the lock; removes the directory when this lock created it and nothing else was written into it. */
    @Override
    public void close() {
        try {
            if (created && onlyLockFile(dir)) {
                Files.deleteIfExists(dir.resolve(FILE));
                Files.deleteIfExists(dir);
            }
        } catch (IOException ignored) {
            // a directory left holding only the lock file is still recognised as empty
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            close(channel);
        }
    }

    private static boolean onlyLockFile(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(FILE));
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
