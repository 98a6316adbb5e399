package dev.k8sautopilot.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.ChartExistsException;
import dev.k8sautopilot.model.ChartWriteException;
import dev.k8sautopilot.model.WriteMode;
import dev.k8sautopilot.model.WriteResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Atomic chart writing with a manifest of content hashes (see {@link WriteMode}). */
public final class ChartWriter {

    static final String MANIFEST = ChartFiles.STATE_DIR + "/manifest.json";
    static final String PROPOSED = ChartFiles.STATE_DIR + "/proposed/";

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
        boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new ChartWriteException(target + " exists and is not a directory", "remove it or choose another output directory");
        }
        if (exists && mode == WriteMode.FAIL_IF_EXISTS) {
            throw new ChartExistsException(target);
        }
        Path temp = null;
        try {
            temp = Files.createTempDirectory(out, "." + files.name() + ".tmp-");
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
                Files.createDirectories(dest.getParent());
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
        Files.createDirectories(dest.getParent());
        Files.writeString(dest, content, StandardCharsets.UTF_8);
    }

    private static void swap(Path temp, Path target, boolean exists) throws IOException {
        if (!exists) {
            move(temp, target);
            return;
        }
        Path backup = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        move(target, backup);
        try {
            move(temp, target);
        } catch (IOException e) {
            move(backup, target);
            throw e;
        }
        deleteQuietly(backup);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
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
        try {
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
        } catch (IOException ignored) {
            // best effort: a leftover temp directory is harmless and named as such
        }
    }
}
