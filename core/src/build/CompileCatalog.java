import com.fasterxml.jackson.databind.ObjectMapper;
import dev.k8sautopilot.internal.Yaml;
import dev.k8sautopilot.plan.AppCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Build step of the core module (process-classes phase, run as a single-file program with the module's classpath):
 * writes the built-in app catalog {@code catalog.yaml} of the compiled classes as JSON, {@code catalog.json}, which
 * {@code AppCatalog.builtIn()} reads instead of parsing the YAML (a cold JVM reads the JSON several times faster).
 * The JSON holds the parsed document and the CRC-32 of the YAML it came from, so a catalog edited after the build
 * (an IDE copying resources) is never shadowed by a stale compiled form. The catalog is loaded first: a broken
 * entry fails the build here, with the message a run would give.
 *
 * <pre>java -cp CLASSPATH src/build/CompileCatalog.java CLASSES_DIR</pre>
 */
public final class CompileCatalog {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("dev/k8sautopilot/plan");
        byte[] yaml = Files.readAllBytes(dir.resolve("catalog.yaml"));
        String text = new String(yaml, StandardCharsets.UTF_8);
        AppCatalog.load(text);
        CRC32 crc = new CRC32();
        crc.update(yaml);
        Map<String, Object> compiled = new LinkedHashMap<>();
        compiled.put("sourceCrc32", crc.getValue());
        compiled.put("document", Yaml.load(text));
        // A plain mapper: keys stay in the order of the YAML (the project's mapper sorts them).
        Files.write(dir.resolve("catalog.json"), new ObjectMapper().writeValueAsBytes(compiled));
    }
}
