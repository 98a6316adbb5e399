package dev.k8sautopilot.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.model.SecretNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sanitizer asks the shared {@code SecretNames} policy, like the planner, the redactor and the security rules. */
class SpecSanitizerSecretNamesTest {

    @Test
    void followsTheSharedPolicy() {
        for (String name : List.of("DB_PASS", "DATABASE_DSN", "dbPassword", "API_TOKEN", "DB_PASSWORD_FILE", "LOG_LEVEL", "DB_USER")) {
            assertThat(SpecSanitizer.isSecretName(name)).as(name).isEqualTo(SecretNames.isSecret(name));
        }
        assertThat(SpecSanitizer.isSecretName("DB_PASS")).isTrue();
        assertThat(SpecSanitizer.isSecretName("DATABASE_DSN")).isTrue();
        assertThat(SpecSanitizer.isSecretName("LOG_LEVEL")).isFalse();
    }
}
