package dev.k8sautopilot.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartExistsException;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.model.WriteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes charts: a whole chart directory atomically with a manifest of content hashes (see {@link WriteMode}),
 * or, for repair, single files in place. Every write goes through {@link AtomicFiles}.
 */
public final class ChartWriter {

    static final String MANIFEST = ChartFiles.STATE_DIR + "/manifest.json";
    static final String PROPOSED = ChartFiles.STATE_DIR + "/proposed/";
    private static final String OLD_MARKER = ".old-";
    private static final Logger LOG = LoggerFactory.getLogger(ChartWriter.class);

    private ChartWriter() {
    }

    /** Writes {@code files} to {@code outputDirectory/<name>} following {@code mode}. */
    public static WriteResult write(ChartFiles files, Path outputDirectory, WriteMode mode) {
        Path out = outputDirectory.toAbsolutePath().normalize();
        Path target = out.resolve(files.name()).normalize();
        if (!target.getParent().equals(out)) {
            throw new ChartWriteException("chart name '" + files.name() + "' would leave " + out, "use a plain DNS label as chart name");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ChartWriteException("cannot create " + out + ": " + e.getMessage(), "check the output directory and permissions");
        }
        recoverInterruptedSwap(out, target);
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChartWriteException(target + " exists and is not a directory", "remove it or choose another output directory");
        }
        if (exists && mode == WriteMode.FAIL_IF_EXISTS) {
            throw new ChartExistsException(target);
        }
        Path temp = null;
        try {
            temp = AtomicFiles.tempDirectoryFor(target);
            List<String> written = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            Map<String, String> manifest = new TreeMap<>();
            Map<String, String> previous = exists && mode == WriteMode.UPDATE ? readManifest(target) : Map.of();
            if (exists && mode == WriteMode.UPDATE) {
                copyTree(target, temp);
            }
            for (Map.Entry<String, String> e : files.files().entrySet()) {
                String rel = e.getKey();
                Path dest = resolveInside(temp, rel);
                String content = e.getValue();
                if (exists && mode == WriteMode.UPDATE && Files.exists(dest)) {
                    String onDisk = Files.readString(dest, StandardCharsets.UTF_8);
                    String lastGenerated = previous.get(rel);
                    boolean userChanged = lastGenerated == null || !lastGenerated.equals(ChartFiles.hash(onDisk));
                    if (userChanged && !onDisk.equals(content)) {
                        kept.add(rel);
                        writeFile(resolveInside(temp, PROPOSED + rel), content);
                        // The manifest keeps the hash of what we generated last time, so the file stays "changed".
                        if (lastGenerated != null) {
                            manifest.put(rel, lastGenerated);
                        }
                        continue;
                    }
                }
                writeFile(dest, content);
                written.add(rel);
                manifest.put(rel, ChartFiles.hash(content));
            }
            for (String rel : files.binaryFiles().keySet()) {
                // Binary files (packaged subcharts, images) are copied as they are; they take no part in edits.
                Path dest = resolveInside(temp, rel);
                AtomicFiles.directories(dest.getParent());
                Files.write(dest, files.binary(rel).orElseThrow());
                written.add(rel);
            }
            if (exists && mode == WriteMode.UPDATE) {
                for (Map.Entry<String, String> prev : previous.entrySet()) {
                    String rel = prev.getKey();
                    if (files.files().containsKey(rel) || files.binaryFiles().containsKey(rel)) {
                        continue;
                    }
                    Path p = resolveInside(temp, rel);
                    if (Files.exists(p) && prev.getValue().equals(ChartFiles.hash(Files.readString(p, StandardCharsets.UTF_8)))) {
                        Files.delete(p);
                        removed.add(rel);
                    }
                }
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schemaVersion", 1);
            doc.put("chart", files.name());
            doc.put("files", manifest);
            writeFile(resolveInside(temp, MANIFEST), Json.writePretty(doc));
            swap(temp, target, exists);
            temp = null;
            return new WriteResult(target, written, kept, removed);
        } catch (IOException e) {
            throw new ChartWriteException("cannot write " + target + ": " + e.getMessage(), "check free space and permissions");
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Reads the hashes recorded at the last generation; empty when there is no (readable) manifest. */
    public static Map<String, String> readManifest(Path chartDirectory) {
        Path m = chartDirectory.resolve(MANIFEST);
        if (!Files.isRegularFile(m)) {
            return Map.of();
        }
        try {
            Map<String, Object> doc = Json.mapper().readValue(Files.readString(m), new TypeReference<Map<String, Object>>() { });
            Object f = doc.get("files");
            Map<String, String> out = new TreeMap<>();
            if (f instanceof Map<?, ?> map) {
                map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static Path resolveInside(Path root, String rel) {
        ChartFiles.checkPath(rel);
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new ChartWriteException("path " + rel + " leaves the chart directory", "use a chart-relative path");
        }
        return p;
    }

    private static void writeFile(Path dest, String content) throws IOException {
        AtomicFiles.directories(dest.getParent());
        Files.writeString(dest, content, StandardCharsets.UTF_8);
    }

    private static void swap(Path temp, Path target, boolean exists) throws IOException {
        if (!exists) {
            AtomicFiles.move(temp, target, false);
            AtomicFiles.syncDirectory(target.getParent());
            return;
        }
        Path backup = target.resolveSibling("." + target.getFileName() + OLD_MARKER + System.nanoTime());
        AtomicFiles.move(target, backup, false);
        try {
            AtomicFiles.move(temp, target, false);
        } catch (IOException e) {
            AtomicFiles.move(backup, target, false);
            throw e;
        }
        AtomicFiles.syncDirectory(target.getParent());
        deleteQuietly(backup);
    }

    /**
     * Undoes what a process killed in the middle of {@link #swap} left: when the chart directory is missing
     * but its moved-away copy {@code .<name>.old-*} exists, the newest copy is moved back; otherwise old
     * copies and temporaries older than {@link AtomicFiles#STALE_AFTER} are removed.
     */
    static void recoverInterruptedSwap(Path out, Path target) {
        String name = target.getFileName().toString();
        String oldPrefix = "." + name + OLD_MARKER;
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> olds = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(out, oldPrefix + "*")) {
                entries.forEach(olds::add);
            } catch (IOException e) {
                LOG.debug("Cannot look for interrupted writes in {}: {}", out, e.toString());
            }
            olds.sort(Comparator.comparing(p -> p.getFileName().toString()));
            if (!olds.isEmpty()) {
                Path newest = olds.get(olds.size() - 1);
                try {
                    AtomicFiles.move(newest, target, false);
                    LOG.warn("Restored {} from {}: an earlier write was interrupted while replacing it", target, newest);
                } catch (IOException e) {
                    LOG.warn("Cannot restore {} from {}: {}", target, newest, e.toString());
                }
            }
        }
        String tempPrefix = "." + name + AtomicFiles.TEMP_MARKER;
        AtomicFiles.removeStale(out, n -> n.startsWith(tempPrefix) || n.startsWith(oldPrefix));
    }

    /**
     * True when {@code outputDirectory/<name>} holds exactly {@code files} as this class wrote them (the manifest
     * lists the same paths and hashes and every file on disk still has that content): an earlier write completed
     * even though its run was not told so (the process died after the rename).
     */
    public static boolean alreadyWritten(ChartFiles files, Path outputDirectory) {
        Path target = outputDirectory.toAbsolutePath().normalize().resolve(files.name());
        Map<String, String> manifest = readManifest(target);
        if (manifest.isEmpty() || !manifest.keySet().equals(files.files().keySet())) {
            return false;
        }
        try {
            for (Map.Entry<String, String> e : files.files().entrySet()) {
                String hash = ChartFiles.hash(e.getValue());
                Path onDisk = resolveInside(target, e.getKey());
                if (!hash.equals(manifest.get(e.getKey())) || !Files.isRegularFile(onDisk, LinkOption.NOFOLLOW_LINKS)
                        || !e.getValue().equals(Files.readString(onDisk, StandardCharsets.UTF_8))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes the files of {@code files} that differ from {@code chartDirectory} in place, each atomically, after
     * copying the originals to {@code backupDirectory} (which must be outside the chart, so {@code helm package}
     * never ships it). Files with unchanged content are not touched; running it twice writes nothing the second time.
     *
     * @return the chart-relative paths written
     * @throws ChartWriteException when a file cannot be written (the message names the backup to restore from)
     */
    public static List<String> writeInPlace(Path chartDirectory, ChartFiles files, Path backupDirectory) {
        Path dir = chartDirectory.toAbsolutePath().normalize();
        Path backup = backupDirectory.toAbsolutePath().normalize();
        if (backup.startsWith(dir)) {
            throw new ChartWriteException("backup directory " + backup + " is inside the chart " + dir,
                    "keep backups outside the chart (they would be packaged with it)");
        }
        List<String> written = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : files.files().entrySet()) {
                Path target = resolveInside(dir, e.getKey());
                boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
                String old = exists ? Files.readString(target, StandardCharsets.UTF_8) : null;
                if (e.getValue().equals(old)) {
                    continue;
                }
                if (old != null) {
                    Path b = resolveInside(backup, e.getKey());
                    if (!Files.exists(b)) {
                        // The first original wins: a resumed run must not back up its own output.
                        AtomicFiles.write(b, old.getBytes(StandardCharsets.UTF_8));
                    }
                }
                AtomicFiles.write(target, e.getValue().getBytes(StandardCharsets.UTF_8), false);
                written.add(e.getKey());
            }
            return written;
        } catch (IOException e) {
            throw new ChartWriteException("cannot write the repaired chart: " + e.getMessage(),
                    "restore the changed files from " + backup + " if needed");
        }
    }

    /**
     * Removes, anywhere under a chart directory, temporary files older than {@link AtomicFiles#STALE_AFTER} that an
     * interrupted in-place write left ({@code .<file>.tmp-*}, and {@code .repair-*.tmp} of older versions), so they
     * are neither read nor packaged as part of the chart.
     */
    public static List<Path> removeStaleTemporaries(Path chartDirectory) {
        List<Path> removed = new ArrayList<>();
        Path dir = chartDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()
                    .forEach(d -> removed.addAll(AtomicFiles.removeStale(d, ChartWriter::isInPlaceTemporary)));
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("Cannot clean temporary files in {}: {}", dir, e.toString());
        }
        return removed;
    }

    static boolean isInPlaceTemporary(String name) {
        return name.startsWith(".") && (name.contains(AtomicFiles.TEMP_MARKER)
                || name.startsWith(".repair-") && name.endsWith(".tmp"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // Proposals from an earlier regeneration are stale now.
        Path proposed = to.resolve(PROPOSED);
        if (Files.exists(proposed)) {
            deleteQuietly(proposed);
        }
    }

    /** Deletes a tree, ignoring errors (used for temp and backup directories). */
    public static void deleteQuietly(Path root) {
        AtomicFiles.deleteTree(root);
    }
}
