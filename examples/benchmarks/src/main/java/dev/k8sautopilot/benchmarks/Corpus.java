package dev.k8sautopilot.benchmarks;

import dev.k8sautopilot.model.ChartRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The public evaluation corpus ({@code corpus/requests.yaml}, a copy of the shared corpus) as requests.
 * Thread-safe; immutable.
 */
public final class Corpus {

    /** One corpus entry: its id, the request text and whether the corpus expects the run to stop and ask. */
    public record Entry(String id, String request, boolean needsInput) {
        /** The entry as a pipeline request. */
        public ChartRequest chartRequest() {
            return ChartRequest.of(request);
        }
    }

    private Corpus() {
    }

    /** Every corpus entry, in file order. */
    @SuppressWarnings("unchecked")
    public static List<Entry> all() {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/requests.yaml")) {
            List<Map<String, Object>> docs = (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(
                    new String(Objects.requireNonNull(in, "corpus/requests.yaml").readAllBytes(), StandardCharsets.UTF_8));
            List<Entry> out = new ArrayList<>();
            for (Map<String, Object> d : docs) {
                Map<String, Object> expect = (Map<String, Object>) d.getOrDefault("expect", Map.of());
                out.add(new Entry(String.valueOf(d.get("id")), String.valueOf(d.get("request")), expect.containsKey("needs_input")));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries whose run completes without questions (the ones that produce a chart). */
    public static List<Entry> completing() {
        return all().stream().filter(e -> !e.needsInput()).toList();
    }
}
