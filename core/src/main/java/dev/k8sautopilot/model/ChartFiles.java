package dev.k8sautopilot.model;

import dev.k8sautopilot.internal.ChartWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a chart: chart-relative paths (forward slashes) to UTF-8 content, in a stable order,
 * plus the chart's binary files (packaged subcharts {@code charts/*.tgz}, images, …) kept byte for byte.
 * Paths are checked so that nothing can ever be written outside the chart directory.
 *
 * <pre>{@code
 * ChartFiles files = coordinator.generate(plan);
 * WriteResult written = files.writeTo(Path.of("charts"), WriteMode.FAIL_IF_EXISTS); // charts/<name>/
 * }</pre>
 *
 * @param name        chart name, also the directory name written under the output directory
 * @param files       path → text content, in order
 * @param binaryFiles path → content of a file that is not UTF-8 text, Base64-encoded (see {@link #binary}),
 *                    in order; a path is never in both maps
 */
public record ChartFiles(String name, Map<String, String> files, Map<String, String> binaryFiles) {

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
        Map<String, String> bin = new LinkedHashMap<>();
        if (binaryFiles != null) {
            for (Map.Entry<String, String> e : binaryFiles.entrySet()) {
                String p = checkPath(e.getKey());
                if (copy.containsKey(p)) {
                    throw new SpecException("file path", "'" + Checks.printable(p) + "' is both a text and a binary file",
                            "keep one of them");
                }
                bin.put(p, e.getValue() == null ? "" : e.getValue());
            }
        }
        binaryFiles = Collections.unmodifiableMap(bin);
    }

    /** Text files only (the common case: generated charts have no binary files). */
    public ChartFiles(String name, Map<String, String> files) {
        this(name, files, Map.of());
    }

    /** Content of a binary file. */
    public Optional<byte[]> binary(String path) {
        return Optional.ofNullable(binaryFiles.get(path)).map(b -> Base64.getDecoder().decode(b));
    }

    /** Returns a copy with a binary file added or replaced. */
    public ChartFiles withBinary(String path, byte[] content) {
        Map<String, String> text = new LinkedHashMap<>(files);
        text.remove(path);
        Map<String, String> next = new LinkedHashMap<>(binaryFiles);
        next.put(path, Base64.getEncoder().encodeToString(content));
        return new ChartFiles(name, text, next);
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

    /** Paths of the text files, in order (binary files: {@link #binaryFiles()}). */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Returns a copy with a text file added or replaced (keeping its position when replaced). */
    public ChartFiles with(String path, String content) {
        Map<String, String> next = new LinkedHashMap<>(files);
        next.put(path, content);
        return new ChartFiles(name, next, withoutKey(binaryFiles, path));
    }

    /** Returns a copy with all these text files added or replaced. */
    public ChartFiles withAll(Map<String, String> more) {
        Map<String, String> next = new LinkedHashMap<>(files);
        next.putAll(more);
        Map<String, String> bin = new LinkedHashMap<>(binaryFiles);
        bin.keySet().removeAll(more.keySet());
        return new ChartFiles(name, next, bin);
    }

    /** Returns a copy without a file (text or binary). */
    public ChartFiles without(String path) {
        return new ChartFiles(name, withoutKey(files, path), withoutKey(binaryFiles, path));
    }

    /** Returns a copy under another chart name. */
    public ChartFiles renamed(String newName) {
        return new ChartFiles(newName, files, binaryFiles);
    }

    private static Map<String, String> withoutKey(Map<String, String> map, String key) {
        if (!map.containsKey(key)) {
            return map;
        }
        Map<String, String> next = new LinkedHashMap<>(map);
        next.remove(key);
        return next;
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
        for (Map.Entry<String, String> e : new TreeMap<>(binaryFiles).entrySet()) {
            md.update((byte) 1);
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Base64.getDecoder().decode(e.getValue()));
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
     * Reads a chart directory from disk the way Helm loads it: symbolic links are followed (to files and
     * directories), files that are not valid UTF-8 text (or contain NUL) are kept as binary files, and
     * k8s-autopilot's own state directory and {@code .git} are skipped. {@code .helmignore} is not applied
     * here, so that a repair never loses an ignored file; validation applies it.
     *
     * @throws ChartWriteException when the directory is missing, a file is unreadable or too large, or links loop
     */
    public static ChartFiles read(Path chartDirectory) {
        Path dir = chartDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ChartWriteException(dir + " is not a directory", "give the path of a chart directory (it contains Chart.yaml)");
        }
        Map<String, String> out = new TreeMap<>();
        Map<String, String> binary = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (!Files.isRegularFile(p)) {
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
                Optional<String> text = utf8(bytes);
                if (text.isPresent()) {
                    out.put(rel, text.get());
                } else {
                    binary.put(rel, Base64.getEncoder().encodeToString(bytes));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ChartWriteException("cannot read " + dir + ": " + e.getMessage(),
                    "check the path and permissions, and that symbolic links do not loop");
        }
        return new ChartFiles(dir.getFileName().toString(), ordered(out), binary);
    }

    /** The text of UTF-8 bytes without NUL characters; empty for anything else (binary content). */
    static Optional<String> utf8(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return s.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
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

    /** Total size in bytes (text as UTF-8, binary files as stored). */
    public long size() {
        return files.values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum()
                + binaryFiles.values().stream().mapToLong(b -> Base64.getDecoder().decode(b).length).sum();
    }
}
