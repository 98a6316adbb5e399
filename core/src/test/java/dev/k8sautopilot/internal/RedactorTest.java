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

    /** Any secret-named assignment in any surrounding text loses its value, whatever precedes it. */
    @Test
    void noSecretValueSurvivesInAnyText() {
        java.util.List<String> secretNames = java.util.List.of("DB_PASS", "DATABASE_DSN", "api_key", "GITHUB_TOKEN", "password",
                "jwtSecret");
        java.util.List<String> fillers = java.util.List.of("set", "DB_USER to", "mode: fast,", "LOG_LEVEL=debug", "url is", "and",
                "the", "x=y;");
        java.util.List<String> separators = java.util.List.of("=", ": ", " is ", " to ");
        org.quicktheories.QuickTheory.qt().withFixedSeed(20261201L)
                .forAll(org.quicktheories.generators.SourceDSL.integers().between(0, secretNames.size() - 1),
                        org.quicktheories.generators.SourceDSL.integers().between(0, fillers.size() - 1),
                        org.quicktheories.generators.SourceDSL.integers().between(0, separators.size() - 1),
                        org.quicktheories.generators.SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(4, 16))
                .checkAssert((n, f, sep, v) -> {
                    String value = "Q" + v + "7";
                    String text = fillers.get(f) + " " + secretNames.get(n) + separators.get(sep) + value + " " + fillers.get(f);
                    assertThat(Redactor.text(text)).as(text).doesNotContain(value).contains(secretNames.get(n));
                });
    }
}
