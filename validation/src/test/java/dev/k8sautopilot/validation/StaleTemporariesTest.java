package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTemporariesTest {

    @Test
    void removesNativeCopiesAndChartCopiesOfKilledRunsOnly(@TempDir Path tmp) throws Exception {
        Path nativeCopy = dir(tmp, "helm-java123", "helm-linux-amd64.so");
        Path validateCopy = dir(tmp, "k8s-autopilot-validate-456", "Chart.yaml");
        Path renderCopy = dir(tmp, "k8s-autopilot-render-789", "values.yaml");
        Path someoneElses = dir(tmp, "helm-java-notes", "todo.txt");
        Path unrelated = dir(tmp, "other-tool-1", "x.so");
        Path fresh = dir(tmp, "helm-java999", "helm-linux-amd64.so");
        FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        for (Path p : new Path[] {nativeCopy, validateCopy, renderCopy, someoneElses, unrelated}) {
            Files.setLastModifiedTime(p, hourAgo);
        }

        StaleTemporaries.clean(tmp, Instant.now().minus(10, ChronoUnit.MINUTES));

        assertThat(nativeCopy).doesNotExist();
        assertThat(validateCopy).doesNotExist();
        assertThat(renderCopy).doesNotExist();
        assertThat(someoneElses).as("holds files that are not helm's native library").exists();
        assertThat(unrelated).exists();
        assertThat(fresh).as("may be in use by a validation running now").exists();
    }

    private static Path dir(Path root, String name, String file) throws Exception {
        Path d = Files.createDirectories(root.resolve(name));
        Files.writeString(d.resolve(file), "x");
        return d;
    }
}
