package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The two edit distances differ only in what a swap of neighbouring characters costs: two edits, or one. */
class EditDistanceTest {

    @ParameterizedTest(name = "{0} ~ {1}: levenshtein {2}, osa {3}")
    @CsvSource({
        "same, same, 0, 0",
        "'', abc, 3, 3",
        "abc, '', 3, 3",
        "replica, replicas, 1, 1",
        "kitten, sitting, 3, 3",
        "repilcas, replicas, 2, 1",
        "rpelicsa, replicas, 4, 2"
    })
    void distances(String a, String b, int levenshtein, int osa) {
        assertThat(EditDistance.levenshtein(a, b)).isEqualTo(levenshtein);
        assertThat(EditDistance.osa(a, b)).isEqualTo(osa);
    }
}
