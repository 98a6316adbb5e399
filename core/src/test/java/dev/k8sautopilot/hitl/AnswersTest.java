package dev.k8sautopilot.hitl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnswersTest {

    @Nested
    @DisplayName("free text")
    class Text {

        @Test
        void pairsOnOneLineWithBlanksOrCommas() {
            assertThat(Answers.parse("image=ghcr.io/acme/app:1.2.0 port=8080"))
                    .containsExactly(entry("image", "ghcr.io/acme/app:1.2.0"), entry("port", "8080"));
            assertThat(Answers.parse("image = ghcr.io/acme/app:1.2.0, port = 8080; replicas=3 and tier=prod."))
                    .containsEntry("image", "ghcr.io/acme/app:1.2.0").containsEntry("port", "8080")
                    .containsEntry("replicas", "3").containsEntry("tier", "prod.");
        }

        @Test
        void onePairALineAndValuesWithBlanks() {
            assertThat(Answers.parse("ingress.host=shop.example.com\nname=\"my shop\"\n"))
                    .containsExactly(entry("ingress.host", "shop.example.com"), entry("name", "my shop"));
        }

        @Test
        void aValueMayHoldEqualsSignsThatStartNoField() {
            assertThat(Answers.parse("url=https://x.example.com/?a=b&c=d")).containsExactly(entry("url", "https://x.example.com/?a=b&c=d"));
        }

        @Test
        void laterAnswerWins() {
            assertThat(Answers.parse("port=80 port=8080")).containsExactly(entry("port", "8080"));
        }

        @Test
        void noPairIsEmpty() {
            assertThat(Answers.parse("ghcr.io/acme/app:1.2.0")).isEmpty();
            assertThat(Answers.parse("  ")).isEmpty();
        }

        @Test
        void proseBeforeThePairsIsRefusedWithTheFix() {
            assertThatThrownBy(() -> Answers.parse("use this: image=nginx:1.27"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'use this:'").hasMessageContaining("(fix:");
        }

        @Test
        void emptyValueIsRefused() {
            assertThatThrownBy(() -> Answers.parse("image= port=80")).hasMessageContaining("answer image has no value");
        }
    }

    @Nested
    @DisplayName("command-line pairs")
    class Pairs {

        @Test
        void eachElementIsOnePair() {
            assertThat(Answers.parse(List.of("image=ghcr.io/acme/app:1.2.0", "name=my app, v2")))
                    .containsExactly(entry("image", "ghcr.io/acme/app:1.2.0"), entry("name", "my app, v2"));
        }

        @Test
        void missingEqualsIsRefused() {
            assertThatThrownBy(() -> Answers.parse(List.of("image"))).hasMessageContaining("not field=value").hasMessageContaining("fix:");
        }
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
