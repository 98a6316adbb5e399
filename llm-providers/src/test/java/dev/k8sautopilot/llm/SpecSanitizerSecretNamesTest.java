package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.ChartRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sanitizer asks the shared {@code SecretNames} policy, like the planner, the redactor and the security rules. */
class SpecSanitizerSecretNamesTest {

    @Test
    void shortPasswordNamesAndDsnsLeaveThePlainEnv() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("DB_PASS", "hunter2");
        env.put("DATABASE_DSN", "postgres://app:pw@db/app");
        env.put("DB_PASSWORD_FILE", "/run/secrets/db");
        env.put("LOG_LEVEL", "info");
        Map<String, Object> doc = new LinkedHashMap<>(Map.of("name", "web", "image", "nginx:1.27.3", "env", env));
        List<String> warnings = new ArrayList<>();
        Map<String, Object> out = SpecSanitizer.sanitize(doc, ChartRequest.of("a chart for nginx:1.27.3"), warnings);
        assertThat(((Map<?, ?>) out.get("env")).keySet()).map(String::valueOf).containsExactlyInAnyOrder("DB_PASSWORD_FILE", "LOG_LEVEL");
        assertThat((List<?>) out.get("secretEnv")).map(String::valueOf).containsExactly("DB_PASS", "DATABASE_DSN");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("DB_PASS"));
    }
}
