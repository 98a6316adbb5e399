package dev.k8sautopilot.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this project replaces a file or a directory on disk: content goes to a temporary sibling
 * named {@code .<name>.tmp-<random>}, is forced to disk, and is renamed over the target, then the directory
 * is synced. A reader sees the old or the new content, never half of it. Temporaries left by a killed
 * process are recognised by that name and removed by {@link #removeStale}.
 */
public final class AtomicFiles {

    /** Marker in the names of temporary files and directories. */
    public static final String TEMP_MARKER = ".tmp-";

    /** Temporaries younger than this may belong to a process still running and are left alone. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);
    /** Directories written to, and whether their file system keeps POSIX permissions (a bounded memo). */
    private static final Map<Path, Boolean> POSIX_DIRECTORIES = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_DIRECTORIES = 1024;

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically, owner-only (for checkpoints); parent directories
     * are created.
     */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, true);
    }

    /**
     * Replaces {@code target} with {@code content} atomically; parent directories are created. On POSIX file
     * systems an existing target keeps its permissions; a new one is owner-only when {@code ownerOnly}, else
     * {@code rw-r--r--} (chart files).
     */
    public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        directories(dir);
        // createTempFile makes the file owner-only on POSIX; the rename keeps those permissions.
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + TEMP_MARKER, "");
        try {
            if (posix(dir, tmp)) {
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
                } else if (!ownerOnly) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            move(tmp, target, true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * True when the file system holding {@code dir} keeps POSIX permissions. Finding a file's store reads the mount
     * table, so the answer is kept per directory for the life of the process.
     */
    private static boolean posix(Path dir, Path fileInDir) throws IOException {
        Boolean known = POSIX_DIRECTORIES.get(dir);
        if (known != null) {
            return known;
        }
        boolean posix = Files.getFileStore(fileInDir).supportsFileAttributeView(PosixFileAttributeView.class);
        if (POSIX_DIRECTORIES.size() < MAX_REMEMBERED_DIRECTORIES) {
            POSIX_DIRECTORIES.put(dir, posix);
        }
        return posix;
    }

    /**
     * {@link Files#createDirectories}, checking first: on a directory that exists it throws and catches an exception
     * inside, and writing a chart calls it for every file.
     */
    public static Path directories(Path dir) throws IOException {
        return Files.isDirectory(dir) ? dir : Files.createDirectories(dir);
    }

    /** A new empty temporary directory next to {@code target}, to be filled and then {@link #move}d over it. */
    public static Path tempDirectoryFor(Path target) throws IOException {
        return Files.createTempDirectory(target.toAbsolutePath().getParent(), "." + target.getFileName() + TEMP_MARKER);
    }

    /** Renames {@code from} to {@code to} atomically where the file system can, replacing a file if asked. */
    public static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        }
    }

    /** Makes renames in {@code dir} durable (Linux); a no-op where directories cannot be opened. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.trace("Directory sync not supported for {}: {}", dir, e.toString());
        }
    }

    /**
     * Removes entries of {@code dir} (not recursing) whose name matches {@code isTemporary} and that were last
     * modified before {@link #STALE_AFTER}: what a killed process left behind. Errors are logged, never thrown.
     *
     * @return the removed paths
     */
    public static List<Path> removeStale(Path dir, Predicate<String> isTemporary) {
        return removeStale(dir, isTemporary, Instant.now().minus(STALE_AFTER));
    }

    /** As {@link #removeStale(Path, Predicate)} with an explicit cut-off. */
    public static List<Path> removeStale(Path dir, Predicate<String> isTemporary, Instant olderThan) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (!isTemporary.test(p.getFileName().toString())) {
                    continue;
                }
                FileTime modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                if (modified.toInstant().isBefore(olderThan)) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot clean temporary files in {}: {}", dir, e.toString());
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed {} temporary file(s) left by an interrupted run in {}", removed.size(), dir);
        }
        return removed;
    }

    /** Deletes a file or a tree, not following links; errors are logged, never thrown. */
    public static void deleteTree(Path root) {
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(root);
                return;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", root, e.toString());
        }
    }
}
