package dev.k8sautopilot.validation.internal;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * helm-java's native Helm library, unpacked once into a per-user cache instead of into a new temporary
 * directory by every JVM. helm-java's own loader copies the ~100 MB shared library out of its jar on each
 * start (about half a second); this provider wraps the platform provider (e.g. {@code linux-amd64}), keeps
 * one copy per library build under {@code $XDG_CACHE_HOME/k8s-autopilot/helm} (default
 * {@code ~/.cache/k8s-autopilot/helm}) and loads that. It is registered as a {@code NativeLibrary} service
 * ahead of the platform jars, so helm-java picks it up without configuration.
 *
 * <p>The cached file is named after the CRC-32 and size of the library entry in the platform jar, so a new
 * helm-java version gets a new file; it is written to a temporary file in the cache directory, checked
 * against that CRC and size, then moved into place atomically, so concurrent JVMs never load a partial
 * copy. When the cache cannot be used (read-only home, the library is not in a jar, a copy fails to load)
 * it falls back to helm-java's own loading. System property {@value #CACHE_PROPERTY} names another cache
 * directory, or {@code off} to always use helm-java's loading.
 *
 * <p>{@link #preload()} starts the loading in the background (the command line does, before planning).
 *
 * <p>Internal: not an API. Thread-safe; helm-java calls {@link #load()} once per JVM.
 */
public final class CachedHelmLibrary implements NativeLibrary {

    /** System property: the cache directory, or {@code off}. */
    public static final String CACHE_PROPERTY = "k8sautopilot.helmLibraryCache";

    /** Below the user's cache directory. */
    private static final String SUBDIRECTORY = "k8s-autopilot/helm";
    private static final Logger LOG = LoggerFactory.getLogger(CachedHelmLibrary.class);

    /** The library loaded ahead of time by {@link #preload()}, with the error it failed with if it did. */
    private static final AtomicReference<CompletableFuture<HelmLib>> PRELOADED = new AtomicReference<>();

    /** Used by {@link ServiceLoader}. */
    public CachedHelmLibrary() {
        // The platform provider is looked up when helm-java asks for it, not at service discovery.
    }

    @Override
    public String getBinaryName() {
        return platform().getBinaryName();
    }

    /**
     * Starts loading the library on a daemon thread, so that a command line can plan and generate while the
     * ~100 MB library maps and the Go runtime starts; helm-java's first call then takes it from there. Loading
     * fails or succeeds exactly as it would have on first use. Does nothing after the first call.
     */
    public static void preload() {
        CompletableFuture<HelmLib> future = new CompletableFuture<>();
        if (PRELOADED.compareAndSet(null, future)) {
            Thread t = new Thread(() -> {
                try {
                    future.complete(loadNow());
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            }, "HelmLib preload");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public HelmLib load() {
        CompletableFuture<HelmLib> preloaded = PRELOADED.get();
        if (preloaded == null) {
            return loadNow();
        }
        try {
            return preloaded.join();
        } catch (CompletionException e) {
            // The same error helm-java would have seen loading it on this thread.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static HelmLib loadNow() {
        NativeLibrary platform = platform();
        Optional<Path> cached = cacheDirectory().flatMap(dir -> cachedCopy(platform, dir));
        if (cached.isPresent()) {
            try {
                HelmLib lib = Native.load(cached.get().toString(), HelmLib.class);
                // Same clean-up as helm-java's own loader: stop repository test servers on exit.
                Runtime.getRuntime().addShutdownHook(new Thread(lib::RepoServerStopAll, "HelmLib shutdown"));
                return lib;
            } catch (UnsatisfiedLinkError e) {
                LOG.debug("Cached Helm library {} could not be loaded ({}); unpacking it again", cached.get(), e.getMessage());
                deleteQuietly(cached.get());
            }
        }
        return platform.load();
    }

    /** The first other {@code NativeLibrary} provider: the platform jar's. */
    static NativeLibrary platform() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<NativeLibrary> it = ServiceLoader.load(NativeLibrary.class,
                loader == null ? CachedHelmLibrary.class.getClassLoader() : loader).iterator();
        while (it.hasNext()) {
            NativeLibrary candidate = it.next();
            if (!(candidate instanceof CachedHelmLibrary)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No NativeLibrary implementation found, please add one of the supported dependencies"
                + " to your project (fix: add com.marcnuri.helm-java:linux-amd64 or the jar of your platform)");
    }

    /** The cache directory in effect, empty when caching is off or no home directory is known. */
    static Optional<Path> cacheDirectory() {
        String configured = System.getProperty(CACHE_PROPERTY, "").strip();
        if (configured.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg).resolve(SUBDIRECTORY));
        }
        String home = System.getProperty("user.home", "");
        return home.isBlank() || home.equals("?") ? Optional.empty() : Optional.of(Path.of(home, ".cache").resolve(SUBDIRECTORY));
    }

    /**
     * The platform library in {@code dir}, unpacked there first when missing or of the wrong size; empty when the
     * library is not in a jar or the directory cannot be written.
     */
    static Optional<Path> cachedCopy(NativeLibrary platform, Path dir) {
        String name = platform.getBinaryName();
        URL url = platform.getClass().getResource("/" + name);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty();
            }
            JarEntry entry = jar.getJarEntry();
            long size = entry.getSize();
            long crc = entry.getCrc();
            if (size < 0 || crc < 0) {
                return Optional.empty();
            }
            Path target = dir.resolve(fileName(name, crc, size));
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return Optional.of(target);
            }
            Files.createDirectories(dir);
            Path part = Files.createTempFile(dir, ".helm-", ".part");
            try {
                CRC32 check = new CRC32();
                try (InputStream in = new CheckedInputStream(jar.getInputStream(), check)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                if (check.getValue() != crc || Files.size(part) != size) {
                    throw new IOException("the unpacked library does not match its jar entry");
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                deleteQuietly(part);
            }
            return Optional.of(target);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Helm library cache {} not usable ({}); unpacking to a temporary directory", dir, e.toString());
            return Optional.empty();
        }
    }

    /** {@code helm-linux-amd64.so} with CRC {@code 1a2b} and size 42 becomes {@code helm-linux-amd64-1a2b-42.so}. */
    static String fileName(String binaryName, long crc, long size) {
        int dot = binaryName.lastIndexOf('.');
        String base = dot > 0 ? binaryName.substring(0, dot) : binaryName;
        String ext = dot > 0 ? binaryName.substring(dot) : "";
        return base + "-" + Long.toHexString(crc).toLowerCase(Locale.ROOT) + "-" + size + ext;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", p, e.toString());
        }
    }
}
