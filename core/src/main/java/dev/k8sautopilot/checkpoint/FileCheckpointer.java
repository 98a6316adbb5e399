package dev.k8sautopilot.checkpoint;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.k8sautopilot.internal.AtomicFiles;
import dev.k8sautopilot.internal.Json;
import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each run as one JSON document {@code <runId>.json} in a directory: the embedded default of
 * the command line ({@code file:~/.k8s-autopilot/runs}). Documents are readable by people:
 *
 * <pre>{@code
 * {
 *   "format" : 1,
 *   "runId" : "r-42",
 *   "version" : 3,
 *   "stage" : "GENERATION_REVIEW",
 *   "schemaVersion" : 1,
 *   "updatedAt" : 1767225600000,
 *   "state" : { ... the run state as a JSON object ... }
 * }
 * }</pre>
 *
 * <p>{@code format} is the layout of this file, owned by this class: documents of an older format
 * are migrated when read, a newer format is rejected with a message saying to upgrade.
 * {@code schemaVersion} is {@link Checkpoint#schemaVersion()}, the format of {@code state}, owned by
 * the pipeline.
 *
 * <p>Writes are atomic (a temporary file in the same directory, forced to disk, then an atomic
 * rename), so a reader sees the old or the new document, never half of one; temporary files a killed
 * process left behind are removed when a store is opened. Saves and deletes of a
 * run hold a lock, in this JVM and across processes ({@link FileChannel#tryLock(long, long, boolean)}
 * on one byte of {@code .lock} in the directory, chosen by the run id), around the
 * read-compare-write, so two processes cannot both advance a run from version n to n+1.
 *
 * <p>{@code state} must be JSON; it is stored embedded and returned in compact form (whitespace may
 * differ from what was saved, the JSON value is the same). Thread-safe. {@link #close()} releases
 * the lock file handle; do not close while other threads still use this instance.
 */
public final class FileCheckpointer implements Checkpointer {

    /** The document layout this version writes, and the newest it reads. */
    public static final int FORMAT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FileCheckpointer.class);
    private static final String SUFFIX = ".json";
    private static final String LOCK_FILE = ".lock";
    private static final int STRIPES = 64;
    private static final ObjectReader STATE_READER = Json.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Migrations of older document layouts; entry {@code i} turns format {@code i} into {@code i + 1}.
     * Format 0 (before the first release) kept the state as an escaped string in {@code payload} and had
     * no {@code format} field.
     */
    private static final List<UnaryOperator<ObjectNode>> MIGRATIONS = List.of(FileCheckpointer::format0to1);

    /** One lock file handle and in-JVM stripe locks per directory, shared by all instances in this JVM. */
    private static final Map<Path, StoreLock> LOCKS = new HashMap<>();

    private final Path directory;
    private final StoreLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The document this instance last wrote, per run, by file identity: while it is still there, its version is known. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    /** A document as written: file key (device and inode), size and modification time, and its version. */
    private record Written(Object fileKey, long size, FileTime modified, long version) {
        static Optional<Written> of(Path file, long version) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return a.fileKey() == null ? Optional.empty()
                        : Optional.of(new Written(a.fileKey(), a.size(), a.lastModifiedTime(), version));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** The file is still this document: any other save replaces it by renaming a new file over it (a new inode). */
        boolean isStill(Path file) {
            return of(file, version).filter(this::equals).isPresent();
        }
    }

    /**
     * Opens (and creates, owner-only, when missing) a store in {@code directory}.
     *
     * @throws UncheckedIOException when the directory cannot be created or its lock file opened
     */
    public FileCheckpointer(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, ownerOnlyDirectory());
            }
            this.directory = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create checkpoint directory " + dir + ": " + e, e);
        }
        this.lock = StoreLock.acquire(this.directory);
        // Documents half-written by a killed process: never read (their names start with a dot), only removed.
        AtomicFiles.removeStale(this.directory, FileCheckpointer::isTemporary);
        LOG.debug("Opened checkpointer {}", describe());
    }

    /** The directory holding the documents. */
    public Path directory() {
        return directory;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        ensureOpen();
        String runId = RunIds.check(checkpoint.runId());
        byte[] document = render(checkpoint);
        Path file = fileOf(runId);
        withRunLock(runId, () -> {
            long stored = storedVersion(runId, file);
            if (stored != checkpoint.version() - 1) {
                throw new CheckpointConflictException(runId, checkpoint.version() - 1, stored);
            }
            writeAtomically(file, document);
            remember(runId, file, checkpoint.version());
            return null;
        });
    }

    @Override
    public Optional<Checkpoint> load(String runId) {
        ensureOpen();
        return readIfPresent(fileOf(RunIds.check(runId)));
    }

    @Override
    public List<Checkpoint> list() {
        ensureOpen();
        List<Checkpoint> runs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    readIfPresent(file).ifPresent(runs::add);
                } catch (IllegalStateException e) {
                    LOG.warn("Skipping a checkpoint that cannot be read: {}", e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint directory " + directory + ": " + e, e);
        }
        runs.sort(Comparator.comparingLong(Checkpoint::updatedAt).reversed().thenComparing(Checkpoint::runId));
        return List.copyOf(runs);
    }

    @Override
    public boolean delete(String runId) {
        ensureOpen();
        Path file = fileOf(RunIds.check(runId));
        return withRunLock(runId, () -> {
            written.remove(runId);
            return Files.deleteIfExists(file);
        });
    }

    @Override
    public String describe() {
        return "file:" + directory;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            lock.release();
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    // ---------------------------------------------------------------- documents

    /**
     * The version of the run's saved document: known without reading it when it is still the one this instance
     * wrote (a 150 KB document re-parsed on every save costs a cold process milliseconds each time).
     */
    private long storedVersion(String runId, Path file) {
        Written w = written.get(runId);
        if (w != null && w.isStill(file)) {
            return w.version();
        }
        return readIfPresent(file, false).map(Checkpoint::version).orElse(0L);
    }

    private void remember(String runId, Path file, long version) {
        Optional<Written> w = Written.of(file, version);
        if (w.isPresent()) {
            written.put(runId, w.get());
        } else {
            written.remove(runId);
        }
    }

    private Path fileOf(String runId) {
        return directory.resolve(runId + SUFFIX);
    }

    /**
     * The document of a checkpoint, indented. A state in canonical compact form (as the pipeline saves it) is
     * indented in one pass by {@link CompactJsonIndenter}; any other state is copied by Jackson, token by token
     * (exact numbers included) rather than read into a tree and written again, which also checks that it is one
     * JSON value. Both give the same bytes for the same state (package-private for that test).
     */
    static byte[] render(Checkpoint checkpoint) {
        StringBuilder doc = new StringBuilder(checkpoint.state().length() * 5 / 4 + 256);
        String nl = System.lineSeparator();
        doc.append('{').append(nl).append("  \"format\" : ").append(FORMAT).append(',')
                .append(nl).append("  \"runId\" : ");
        if (appendString(checkpoint.runId(), doc)) {
            doc.append(',').append(nl).append("  \"version\" : ").append(checkpoint.version()).append(',')
                    .append(nl).append("  \"stage\" : ");
            if (appendString(checkpoint.stage(), doc)) {
                doc.append(',').append(nl).append("  \"schemaVersion\" : ").append(checkpoint.schemaVersion()).append(',')
                        .append(nl).append("  \"updatedAt\" : ").append(checkpoint.updatedAt()).append(',')
                        .append(nl).append("  \"state\" : ");
                if (CompactJsonIndenter.append(checkpoint.state(), 1, doc)) {
                    doc.append(nl).append('}').append('\n');
                    return doc.toString().getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        return renderWithJackson(checkpoint);
    }

    /** A header string as JSON, when it needs no escaping (run ids and stage names never do). */
    private static boolean appendString(String s, StringBuilder doc) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        doc.append('"').append(s).append('"');
        return true;
    }

    /** {@link #render} by Jackson: any JSON state, and the error for one that is not JSON. Package-private for tests. */
    static byte[] renderWithJackson(Checkpoint checkpoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(checkpoint.state().length() + 512);
        try (JsonParser state = STATE_READER.createParser(checkpoint.state());
                JsonGenerator doc = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            doc.setPrettyPrinter(new DefaultPrettyPrinter());
            if (state.nextToken() == null) {
                throw new IllegalArgumentException("state of run " + checkpoint.runId()
                        + " is empty (fix: save a JSON document, e.g. {})");
            }
            doc.writeStartObject();
            doc.writeNumberField("format", FORMAT);
            doc.writeStringField("runId", checkpoint.runId());
            doc.writeNumberField("version", checkpoint.version());
            doc.writeStringField("stage", checkpoint.stage());
            doc.writeNumberField("schemaVersion", checkpoint.schemaVersion());
            doc.writeNumberField("updatedAt", checkpoint.updatedAt());
            doc.writeFieldName("state");
            doc.copyCurrentStructureExact(state);
            if (state.nextToken() != null) {
                throw new JsonParseException(state, "more than one JSON value");
            }
            doc.writeEndObject();
            doc.writeRaw('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("state of run " + checkpoint.runId() + " is not valid JSON ("
                    + e.getOriginalMessage() + ") (fix: the file store keeps state as a JSON document)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Optional<Checkpoint> readIfPresent(Path file) {
        return readIfPresent(file, true);
    }

    /** Reads a document; without {@code withState} it is checked whole but its state is not copied out. */
    private static Optional<Checkpoint> readIfPresent(Path file, boolean withState) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e, e);
        }
        return Optional.of(parse(bytes, file, withState));
    }

    /** Parses a document of any known format; package-private for tests. */
    static Checkpoint parse(byte[] bytes, Path file) {
        return parse(bytes, file, true);
    }

    /** Parses a document; without {@code withState} the checkpoint holds an empty state (a save needs only the version). */
    private static Checkpoint parse(byte[] bytes, Path file, boolean withState) {
        JsonNode root;
        try {
            root = STATE_READER.readTree(bytes);
        } catch (IOException e) {
            throw corrupt(file, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw corrupt(file, "the file is empty");
        }
        if (!(root instanceof ObjectNode doc)) {
            throw corrupt(file, "not a JSON object");
        }
        int format = doc.has("format") ? (int) integer(doc, "format", file) : 0;
        if (format > FORMAT) {
            throw new IllegalStateException("checkpoint " + file + " was written by a newer k8s-autopilot (format "
                    + format + "; this version reads formats up to " + FORMAT
                    + ") (fix: resume the run with that newer version, or delete the file to discard the run)");
        }
        if (format < 0) {
            throw corrupt(file, "format " + format + " is negative");
        }
        for (int f = format; f < FORMAT; f++) {
            try {
                doc = MIGRATIONS.get(f).apply(doc);
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "cannot migrate it from format " + f + ": " + e.getMessage());
            }
        }
        String runId = text(doc, "runId", file);
        String expectedId = file.getFileName().toString();
        expectedId = expectedId.substring(0, expectedId.length() - SUFFIX.length());
        if (!runId.equals(expectedId)) {
            throw corrupt(file, "it holds run '" + runId + "', not '" + expectedId + "'");
        }
        JsonNode state = doc.get("state");
        if (state == null || state.isNull()) {
            throw corrupt(file, "field 'state' is missing");
        }
        try {
            return new Checkpoint(runId, integer(doc, "version", file), text(doc, "stage", file),
                    (int) integer(doc, "schemaVersion", file), withState ? Json.write(state) : null, integer(doc, "updatedAt", file));
        } catch (IllegalArgumentException e) {
            throw corrupt(file, e.getMessage());
        }
    }

    private static ObjectNode format0to1(ObjectNode doc) {
        JsonNode payload = doc.remove("payload");
        if (payload == null || !payload.isTextual()) {
            throw new IllegalArgumentException("field 'payload' is missing or not a string");
        }
        try {
            doc.set("state", STATE_READER.readTree(payload.asText()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("field 'payload' is not JSON: " + e.getOriginalMessage());
        }
        doc.put("format", 1);
        return doc;
    }

    private static String text(ObjectNode doc, String field, Path file) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isTextual()) {
            throw corrupt(file, "field '" + field + "' is missing or not a string");
        }
        return node.asText();
    }

    private static long integer(ObjectNode doc, String field, Path file) {
        JsonNode node = doc.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || ("format".equals(field) || "schemaVersion".equals(field)) && !node.canConvertToInt()) {
            throw corrupt(file, "field '" + field + "' is missing or not an integer");
        }
        return node.asLong();
    }

    private static IllegalStateException corrupt(Path file, String why) {
        return new IllegalStateException("checkpoint " + file + " is corrupt: " + why
                + " (fix: delete the file to discard that run, or restore it from a backup)");
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }

    private static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }

    /** A temporary document of an interrupted save: {@code .<run>.json.tmp-*}, or {@code .<run>.json*.tmp} (older versions). */
    static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.contains(SUFFIX)
                && (fileName.contains(SUFFIX + AtomicFiles.TEMP_MARKER) || fileName.endsWith(".tmp"));
    }

    private static FileAttribute<?>[] ownerOnlyDirectory() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
        }
        return new FileAttribute<?>[0];
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("checkpointer " + describe() + " is closed (fix: open a new one)");
        }
    }

    // ---------------------------------------------------------------- locking

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T withRunLock(String runId, IoAction<T> action) {
        int stripe = Math.floorMod(runId.hashCode(), STRIPES);
        ReentrantLock inJvm = lock.stripes[stripe];
        inJvm.lock();
        try {
            FileLock fileLock = lock.lockAcrossProcesses(stripe);
            try {
                return action.run();
            } finally {
                fileLock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint of run " + runId + " in " + directory + ": " + e, e);
        } finally {
            inJvm.unlock();
        }
    }

    /**
     * The {@code .lock} file of one directory. POSIX record locks belong to the process and closing any
     * handle of the file drops them all, so the JVM keeps exactly one handle per directory, counted by
     * the instances using it; threads are kept apart by the stripe locks before they touch the file lock.
     */
    private static final class StoreLock {

        private final Path directory;
        private final FileChannel channel;
        private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
        private int users;

        private StoreLock(Path directory, FileChannel channel) {
            this.directory = directory;
            this.channel = channel;
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new ReentrantLock();
            }
        }

        static StoreLock acquire(Path directory) {
            synchronized (LOCKS) {
                StoreLock lock = LOCKS.get(directory);
                if (lock == null) {
                    try {
                        lock = new StoreLock(directory, FileChannel.open(directory.resolve(LOCK_FILE),
                                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open lock file in checkpoint directory " + directory
                                + ": " + e, e);
                    }
                    LOCKS.put(directory, lock);
                }
                lock.users++;
                return lock;
            }
        }

        void release() {
            synchronized (LOCKS) {
                if (--users == 0) {
                    LOCKS.remove(directory);
                    try {
                        channel.close();
                    } catch (IOException e) {
                        LOG.debug("Closing lock file of {} failed: {}", directory, e.toString());
                    }
                }
            }
        }

        /**
         * Locks one byte of the lock file. Polls with {@code tryLock}: a thread interrupted inside the
         * blocking {@code lock} would close the shared handle and drop every other thread's lock.
         */
        FileLock lockAcrossProcesses(int stripe) throws IOException {
            long sleepMillis = 1;
            while (true) {
                try {
                    FileLock fileLock = channel.tryLock(stripe, 1, false);
                    if (fileLock != null) {
                        return fileLock;
                    }
                } catch (OverlappingFileLockException heldInThisJvm) {
                    // A second copy of this library (another class loader) holds the byte: wait like for a process.
                }
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the lock of " + directory, e);
                }
                sleepMillis = Math.min(sleepMillis * 2, 16);
            }
        }
    }
}
