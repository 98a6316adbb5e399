package dev.k8sautopilot.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.jni.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacking and the choice of directory only: loading a second copy of the Go library into one JVM is not safe. */
@DisplayName("CachedHelmLibrary")
class CachedHelmLibraryTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(CachedHelmLibrary.CACHE_PROPERTY);
    }

    @Test
    @DisplayName("helm-java finds it ahead of the platform jar, and it wraps the platform jar")
    void discoveredFirst() {
        assertThat(NativeLibrary.serviceProviderLibrary(null)).isInstanceOf(CachedHelmLibrary.class);
        assertThat(CachedHelmLibrary.platform()).isNotInstanceOf(CachedHelmLibrary.class);
        assertThat(new CachedHelmLibrary().getBinaryName()).isEqualTo(CachedHelmLibrary.platform().getBinaryName());
    }

    @Test
    @DisplayName("the file name carries the CRC and size of the jar entry, so another helm-java build gets another file")
    void fileName() {
        assertThat(CachedHelmLibrary.fileName("helm-linux-amd64.so", 0x1A2BL, 42)).isEqualTo("helm-linux-amd64-1a2b-42.so");
        assertThat(CachedHelmLibrary.fileName("helm", 255, 7)).isEqualTo("helm-ff-7");
    }

    @Nested
    @DisplayName("cache directory")
    class Directory {

        @Test
        @DisplayName("the system property names it, 'off' switches the cache off")
        void property(@TempDir Path dir) {
            System.setProperty(CachedHelmLibrary.CACHE_PROPERTY, dir.toString());
            assertThat(CachedHelmLibrary.cacheDirectory()).contains(dir);
            System.setProperty(CachedHelmLibrary.CACHE_PROPERTY, "OFF");
            assertThat(CachedHelmLibrary.cacheDirectory()).isEmpty();
        }

        @Test
        @DisplayName("by default it is k8s-autopilot/helm under the user's cache directory")
        void byDefault() {
            assertThat(CachedHelmLibrary.cacheDirectory()).get().satisfies(p -> assertThat(p.endsWith(Path.of("k8s-autopilot", "helm"))).isTrue());
        }
    }

    @Nested
    @DisplayName("unpacking")
    class Unpacking {

        @Test
        @DisplayName("the first call unpacks the whole library, byte for byte; later calls reuse that file")
        void unpacksOnce(@TempDir Path dir) throws Exception {
            NativeLibrary platform = CachedHelmLibrary.platform();
            Optional<Path> first = CachedHelmLibrary.cachedCopy(platform, dir.resolve("cache"));
            assertThat(first).isPresent();
            assertThat(first.get().getParent()).isEqualTo(dir.resolve("cache"));
            long expected;
            try (var in = platform.getClass().getResourceAsStream("/" + platform.getBinaryName())) {
                CRC32 crc = new CRC32();
                byte[] buf = new byte[1 << 16];
                long size = 0;
                for (int n; (n = in.read(buf)) > 0; size += n) {
                    crc.update(buf, 0, n);
                }
                expected = size;
                assertThat(first.get().getFileName().toString()).contains(Long.toHexString(crc.getValue()));
            }
            assertThat(Files.size(first.get())).isEqualTo(expected);
            Files.setLastModifiedTime(first.get(), FileTime.fromMillis(1_000_000L));

            Optional<Path> second = CachedHelmLibrary.cachedCopy(platform, dir.resolve("cache"));
            assertThat(second).isEqualTo(first);
            assertThat(Files.getLastModifiedTime(second.get()).toMillis()).as("not unpacked again").isEqualTo(1_000_000L);
            try (var files = Files.list(dir.resolve("cache"))) {
                assertThat(files).as("no partial copies left").containsExactly(first.get());
            }
        }

        @Test
        @DisplayName("a truncated copy (e.g. a full disk) is unpacked again")
        void truncated(@TempDir Path dir) throws Exception {
            NativeLibrary platform = CachedHelmLibrary.platform();
            Path file = CachedHelmLibrary.cachedCopy(platform, dir).orElseThrow();
            long size = Files.size(file);
            Files.write(file, new byte[10]);
            assertThat(CachedHelmLibrary.cachedCopy(platform, dir)).contains(file);
            assertThat(Files.size(file)).isEqualTo(size);
        }

        @Test
        @DisplayName("a directory that cannot be created means no cache, not an error")
        void unwritable(@TempDir Path dir) throws Exception {
            Path notADirectory = Files.writeString(dir.resolve("file"), "x");
            assertThat(CachedHelmLibrary.cachedCopy(CachedHelmLibrary.platform(), notADirectory.resolve("cache"))).isEmpty();
        }
    }
}
