package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.CheckpointerProvider;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;

/**
 * {@code file:DIR}: a {@link FileCheckpointer} in a directory. Accepted forms: {@code file:runs}
 * (relative to the working directory), {@code file:/abs/dir}, {@code file:~/dir} ({@code ~} is the
 * user's home), {@code file:///abs/dir} (a URI; percent-escapes are decoded).
 */
public final class FileCheckpointerProvider implements CheckpointerProvider {

    @Override
    public String scheme() {
        return "file";
    }

    @Override
    public Checkpointer open(String uri) {
        Path directory = directoryOf(uri);
        try {
            return new FileCheckpointer(directory);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("checkpointer URI '" + uri + "' is unusable: " + e.getMessage()
                    + " (fix: point file: at a writable directory)", e);
        }
    }

    /** The directory a {@code file:} URI names; package-private for tests. */
    static Path directoryOf(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1).strip();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("checkpointer URI '" + uri
                    + "' names no directory (fix: file:~/.k8s-autopilot/runs or file:/absolute/dir)");
        }
        try {
            if (rest.startsWith("//")) {
                return Path.of(URI.create("file:" + rest));
            }
            if (rest.equals("~") || rest.startsWith("~/")) {
                return Path.of(System.getProperty("user.home")).resolve(rest.substring(1).replaceFirst("^/+", ""));
            }
            return Path.of(rest).toAbsolutePath();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IllegalArgumentException("checkpointer URI '" + uri + "' is not a usable directory ("
                    + e.getMessage() + ") (fix: file:DIR or file:///absolute/dir, without a host)", e);
        }
    }
}
