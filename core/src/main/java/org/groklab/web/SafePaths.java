package org.groklab.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves the relative paths of requests against the served directory and refuses every path that could leave it:
 * absolute paths, {@code ..} segments, backslashes, NUL bytes, and symbolic links whose target lies outside.
 */
public final class SafePaths {
    private final Path root;
    private final Path realRoot;

    public SafePaths(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.realRoot = this.root.toRealPath();
    }

    /** The served directory (absolute, normalized). */
    public Path root() {
        return root;
    }

    /** Why a path was refused: {@code forbidden} for an attempt to leave the directory, else not found. */
    public static final class Refused extends RuntimeException {
        private final boolean forbidden;

        Refused(String message, boolean forbidden) {
            super(message);
            this.forbidden = forbidden;
        }

        public boolean forbidden() {
            return forbidden;
        }
    }

    /** The path under the root for a relative path ("" for the root itself); existing, and inside after links. */
    public Path resolve(String relative) {
        if (relative == null) {
            throw new Refused("no path given", false);
        }
        String rel = relative;
        if (rel.indexOf('\0') >= 0 || rel.indexOf('\\') >= 0 || rel.startsWith("/") || rel.matches("^[A-Za-z]:.*")) {
            throw new Refused("path not allowed: " + relative, true);
        }
        for (String segment : rel.split("/", -1)) {
            if (segment.equals("..")) {
                throw new Refused("path not allowed: " + relative, true);
            }
        }
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new Refused("path not allowed: " + relative, true);
        }
        if (!Files.exists(p)) {
            throw new Refused("not found: " + relative, false);
        }
        try {
            if (!p.toRealPath().startsWith(realRoot)) {
                throw new Refused("path leaves the served directory: " + relative, true);
            }
        } catch (IOException e) {
            throw new Refused("not found: " + relative, false);
        }
        return p;
    }

    /** The path of {@code p} relative to the root, with forward slashes ("" for the root). */
    public String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
