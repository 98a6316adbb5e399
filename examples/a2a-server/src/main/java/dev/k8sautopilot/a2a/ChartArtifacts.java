package dev.k8sautopilot.a2a;

import com.marcnuri.helm.Helm;
import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.Finding;
import dev.k8sautopilot.model.LayerTiming;
import dev.k8sautopilot.model.Severity;
import dev.k8sautopilot.model.ValidationReport;
import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A chart as A2A artifacts: {@value #CHART} (every file as a {@link FilePart} named by its chart-relative path),
 * {@value #PACKAGE} (the chart packaged by Helm as {@code NAME-VERSION.tgz}) and {@value #REPORT} (the validation
 * report as a {@link DataPart}). Stateless.
 */
final class ChartArtifacts {

    /** Artifact id of the chart's files. */
    static final String CHART = "chart";
    /** Artifact id of the packaged chart. */
    static final String PACKAGE = "chart-package";
    /** Artifact id of the validation report. */
    static final String REPORT = "validation-report";

    private ChartArtifacts() {
    }

    /** The chart's files, one file part each, named by chart-relative path. */
    static Artifact files(ChartFiles files) {
        List<Part<?>> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : files.files().entrySet()) {
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            parts.add(new FilePart(new FileWithBytes(mimeType(e.getKey()), e.getKey(), Base64.getEncoder().encodeToString(bytes)),
                    Map.of("path", e.getKey(), "size", bytes.length)));
        }
        return new Artifact.Builder().artifactId(CHART).name(files.name())
                .description("Helm chart " + files.name() + ": " + files.files().size() + " files, each named by its path in the chart")
                .parts(parts).metadata(Map.of("chartName", files.name())).build();
    }

    /**
     * Packages the chart directory with Helm into {@code destination} and returns the archive as an artifact.
     *
     * @throws UncheckedIOException when Helm did not produce an archive (the message says why)
     */
    static Artifact packaged(Path chartDirectory, Path destination) {
        try {
            Files.createDirectories(destination);
            new Helm(chartDirectory).packageIt().withDestination(destination).call();
            Path archive;
            try (Stream<Path> found = Files.list(destination)) {
                archive = found.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("helm package wrote no .tgz into " + destination));
            }
            byte[] bytes = Files.readAllBytes(archive);
            String name = archive.getFileName().toString();
            return new Artifact.Builder().artifactId(PACKAGE).name(name)
                    .description("The chart packaged by helm package")
                    .parts(List.of(new FilePart(new FileWithBytes("application/gzip", name, Base64.getEncoder().encodeToString(bytes)),
                            Map.of("size", bytes.length))))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot package the chart: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("helm package failed: " + firstLine(e.getMessage()), e));
        }
    }

    /** The validation report as an artifact with one data part. */
    static Artifact report(ValidationReport report, String description) {
        return new Artifact.Builder().artifactId(REPORT).name("validation report").description(description)
                .parts(List.of(new DataPart(report(report)))).build();
    }

    /** A validation report as plain data: passed, score, counts, findings and layers. */
    static Map<String, Object> report(ValidationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passed", report.passed());
        m.put("score", report.score().isPresent() ? report.score().getAsInt() : null);
        m.put("errors", report.count(Severity.ERROR));
        m.put("warnings", report.count(Severity.WARNING));
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("severity", f.severity().name());
            fm.put("ruleId", f.ruleId());
            fm.put("layer", f.layer());
            fm.put("file", f.file());
            fm.put("line", f.line());
            fm.put("resource", f.resource());
            fm.put("message", f.message());
            fm.put("hint", f.hint());
            findings.add(fm);
        }
        m.put("findings", findings);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LayerTiming l : report.layers()) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("layer", l.layer());
            lm.put("millis", l.millis());
            lm.put("findings", l.findings());
            lm.put("skipped", l.skipped());
            lm.put("note", l.note());
            layers.add(lm);
        }
        m.put("layers", layers);
        return m;
    }

    /** A media type for a chart file, by its name. */
    static String mimeType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "application/yaml";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".md")) {
            return "text/markdown";
        }
        return "text/plain";
    }

    private static String firstLine(String s) {
        return Optional.ofNullable(s).map(t -> t.lines().findFirst().orElse("")).orElse("");
    }
}
