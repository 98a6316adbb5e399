package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksSecretAssignmentsButNotOrdinaryOnes() {
        String text = Redactor.text("image acme/app:1.0 with LOG_LEVEL=debug, DB_PASSWORD=hunter2 and api_key: \"s3cr3t\"");
        assertThat(text).contains("LOG_LEVEL=debug").contains("DB_PASSWORD=<redacted>").contains("api_key: <redacted>")
                .doesNotContain("hunter2").doesNotContain("s3cr3t");
    }

    @Test
    void masksPhrasesAndUrlCredentials() {
        assertThat(Redactor.text("the admin password is hunter2")).doesNotContain("hunter2");
        assertThat(Redactor.text("jdbc:postgresql://db/x?user=a&password=pw1")).doesNotContain("pw1");
        assertThat(Redactor.text("https://user:pw2@host/x")).doesNotContain("pw2");
    }

    @Test
    void recognisesSecretNames() {
        assertThat(Redactor.secretName("POSTGRES_PASSWORD")).isTrue();
        assertThat(Redactor.secretName("API_TOKEN")).isTrue();
        assertThat(Redactor.secretName("LOG_LEVEL")).isFalse();
    }

    @Test
    void followsTheSharedSecretNamePolicy() {
        assertThat(Redactor.text("DB_PASS=hunter2 and DATABASE_DSN=postgres://app:pw3@db:5432/app"))
                .isEqualTo("DB_PASS=<redacted> and DATABASE_DSN=<redacted>");
        assertThat(Redactor.secretName("DB_PASS")).isTrue();
        assertThat(Redactor.secretName("DATABASE_DSN")).isTrue();
    }

    @Test
    void anOrdinaryAssignmentDoesNotHideASecretOneInItsValue() {
        assertThat(Redactor.text("set DB_USER to DB_PASS=hunter2")).isEqualTo("set DB_USER to DB_PASS=<redacted>");
        assertThat(Redactor.text("mode: fast, token: abc")).isEqualTo("mode: fast, token: <redacted>");
    }
}
