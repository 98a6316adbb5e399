package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"DB_PASS", "DB_PASSWORD", "POSTGRES_PASSWORD", "dbPassword", "DATABASE_DSN", "SENTRY_DSN",
            "databaseDsn", "API_TOKEN", "GITHUB_TOKEN", "accessToken", "apiKey", "API_KEY", "APIKEY", "STRIPE_SECRET_KEY",
            "jwt.secret", "client-secret", "AWS_ACCESS_KEY_ID", "PRIVATE_KEY", "SMTP_PWD", "DBPASS", "OAUTH_CREDENTIALS",
            "REDIS_CONNECTION_STRING", "GPG_PASSPHRASE", "SIGNING_KEY", "password", "TOKEN_SECRET"})
    void secretNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOG_LEVEL", "DB_USER", "DB_HOST", "DATABASE_URL", "PASSENGER_COUNT", "MAX_TOKENS", "TOKENIZER_PATH",
            "DB_PASSWORD_FILE", "EXISTING_SECRET_NAME", "tlsSecretRef", "KEY", "COMPASS_URL", "SERVER_PORT", "", " ", "_"})
    void ordinaryNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isFalse();
    }

    @Test
    void nullIsNotSecret() {
        assertThat(SecretNames.isSecret(null)).isFalse();
    }
}
