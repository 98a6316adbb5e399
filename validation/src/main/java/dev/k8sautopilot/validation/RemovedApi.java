package dev.k8sautopilot.validation;

import dev.k8sautopilot.internal.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of the removed-API table, public so healers and tools can read it ({@code removed-apis.yaml}, docs/quality.md §4).
 *
 * @param apiVersion   the old group/version
 * @param kinds        kinds it covers, {@code *} for all
 * @param deprecatedIn minor version it was deprecated in
 * @param removedIn    minor version it was removed in
 * @param replacement  the apiVersion to use instead, empty when there is none
 * @param note         field changes that come with the migration
 */
public record RemovedApi(String apiVersion, List<String> kinds, int deprecatedIn, int removedIn, String replacement, String note) {

    private static final List<RemovedApi> TABLE = load();

    /** Copies the kinds. */
    public RemovedApi {
        kinds = List.copyOf(kinds);
    }

    /** The whole table, in match order. */
    public static List<RemovedApi> table() {
        return TABLE;
    }

    /** The row for an apiVersion and kind, when that version is in the table. */
    public static Optional<RemovedApi> find(String apiVersion, String kind) {
        for (RemovedApi r : TABLE) {
            if (r.apiVersion.equals(apiVersion) && (r.kinds.contains(kind) || r.kinds.contains("*"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<RemovedApi> load() {
        try (InputStream in = RemovedApi.class.getResourceAsStream("removed-apis.yaml")) {
            if (in == null) {
                throw new IllegalStateException("removed-apis.yaml is missing from the validation jar");
            }
            List<RemovedApi> out = new ArrayList<>();
            for (Object o : (List<Object>) Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                Map<String, Object> m = (Map<String, Object>) o;
                out.add(new RemovedApi(String.valueOf(m.get("apiVersion")), (List<String>) m.get("kinds"),
                        minor(m.get("deprecatedIn")), minor(m.get("removedIn")), String.valueOf(m.get("replacement")),
                        String.valueOf(m.get("note"))));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int minor(Object v) {
        return Integer.parseInt(String.valueOf(v).split("\\.")[1]);
    }
}
