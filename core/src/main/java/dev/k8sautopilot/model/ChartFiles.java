package dev.k8sautopilot.model;

import dev.k8sautopilot.internal.ChartWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a chart: chart-relative paths (forward slashes) to UTF-8 content, in a stable order.
 * Paths are checked so that nothing can ever be written outside the chart directory.
 *
 * <pre>{@code
 * ChartFiles files = coordinator.generate(plan);
 * WriteResult written = files.writeTo(Path.of("charts"), WriteMode.FAIL_IF_EXISTS); // charts/<name>/
 * }</pre>
 *
 * @param name  chart name, also the directory name written under the output directory
 * @param files path → content, in order
 */
public record ChartFiles(String name, Map<String, String> files) {

    /** Directory inside a written chart that holds k8s-autopilot's own bookkeeping (manifest, proposals). */
    public static final String STATE_DIR = ".k8s-autopilot";

    /** Largest file read from disk, in bytes. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    /**
     * Checks the name and every path, and copies the files in order.
     *
     * @throws SpecException when the name is not a directory name or a path leaves the chart
     */
    public ChartFiles {
        if (name == null || !name.matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$") || name.contains("..")) {
            throw new SpecException("chart name", "'" + (name == null ? "" : Checks.printable(name))
                    + "' cannot be used as a directory name", "use a DNS label such as my-app");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        if (files != null) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                copy.put(checkPath(e.getKey()), e.getValue() == null ? "" : e.getValue());
            }
        }
        files = Collections.unmodifiableMap(copy);
    }

    /** Validates a chart-relative path; returns it unchanged. */
    public static String checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new SpecException("file path", "is empty", "use a chart-relative path such as templates/service.yaml");
        }
        if (path.startsWith("/") || path.contains("\\") || path.matches("^[A-Za-z]:.*") || path.indexOf('\0') >= 0) {
            throw new SpecException("file path", "'" + Checks.printable(path) + "' is absolute or not portable",
                    "use a chart-relative path with forward slashes");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new SpecException("file path", "'" + Checks.printable(path) + "' has an empty, '.' or '..' segment",
                        "use a plain chart-relative path");
            }
        }
        return path;
    }

    /** An empty chart to add files to. */
    public static ChartFiles empty(String name) {
        return new ChartFiles(name, Map.of());
    }

    /** Content of a file. */
    public Optional<String> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Paths in order. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Returns a copy with a file added or replaced (keeping its position when replaced). */
    public ChartFiles with(String path, String content) {
        Map<String, String> next = new LinkedHashMap<>(files);
        next.put(path, content);
        return new ChartFiles(name, next);
    }

    /** Returns a copy with all these files added or replaced. */
    public ChartFiles withAll(Map<String, String> more) {
        Map<String, String> next = new LinkedHashMap<>(files);
        next.putAll(more);
        return new ChartFiles(name, next);
    }

    /** Returns a copy without a file. */
    public ChartFiles without(String path) {
        Map<String, String> next = new LinkedHashMap<>(files);
        next.remove(path);
        return new ChartFiles(name, next);
    }

    /** Returns a copy under another chart name. */
    public ChartFiles renamed(String newName) {
        return new ChartFiles(newName, files);
    }

    /** SHA-256 of every path and content, stable across runs: equal hashes mean byte-identical charts. */
    public String contentHash() {
        MessageDigest md = sha256();
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of one content string, hex. */
    public static String hash(String content) {
        return HexFormat.of().formatHex(sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Writes the chart to {@code outputDirectory/<name>/} atomically: files go to a temporary
     * directory beside the target, which then replaces the target in one move. On any failure nothing
     * is left behind and an existing chart is untouched.
     *
     * @param outputDirectory parent directory (created when missing)
     * @param mode            what to do when the chart directory exists
     * @return what was written and which user edits were kept
     * @throws ChartWriteException when the target exists and {@code mode} forbids replacing it, or on I/O errors
     */
    public WriteResult writeTo(Path outputDirectory, WriteMode mode) {
        return ChartWriter.write(this, outputDirectory, mode);
    }

    /**
     * Reads a chart directory from disk (skipping k8s-autopilot's own state directory).
     *
     * @throws ChartWriteException when the directory is missing or a file is unreadable, binary or too large
     */
    public static ChartFiles read(Path chartDirectory) {
        Path dir = chartDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ChartWriteException(dir + " is not a directory", "give the path of a chart directory (it contains Chart.yaml)");
        }
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(STATE_DIR + "/") || rel.startsWith(".git/")) {
                    continue;
                }
                if (Files.size(p) > MAX_FILE_BYTES) {
                    throw new ChartWriteException(rel + " is larger than " + MAX_FILE_BYTES + " bytes", "remove it from the chart");
                }
                byte[] bytes = Files.readAllBytes(p);
                out.put(rel, new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new ChartWriteException("cannot read " + dir + ": " + e.getMessage(), "check the path and permissions");
        }
        return new ChartFiles(dir.getFileName().toString(), ordered(out));
    }

    private static Map<String, String> ordered(Map<String, String> sorted) {
        // Chart.yaml and values.yaml first, then the rest in path order: the order people read a chart in.
        Map<String, String> out = new LinkedHashMap<>();
        for (String first : List.of("Chart.yaml", "values.yaml", "values.schema.json")) {
            if (sorted.containsKey(first)) {
                out.put(first, sorted.get(first));
            }
        }
        sorted.forEach(out::putIfAbsent);
        return out;
    }

    /** Total size in bytes (UTF-8). */
    public long size() {
        return files.values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    }
}
