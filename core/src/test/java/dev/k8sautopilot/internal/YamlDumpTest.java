package dev.k8sautopilot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Strings survive a YAML 1.1 reader (Helm's go-yaml) too: found by the random-spec property suite. */
class YamlDumpTest {

    @Test
    @DisplayName("YAML 1.1 booleans, nulls and numbers written as strings are quoted")
    void yaml11Specials() {
        List<String> specials = List.of("y", "N", "yes", "no", "On", "OFF", "true", "null", "~", "0b101", "0x1F", "1:20", "1_000", "1e3",
                ".inf", ".NaN", "=", "007", "4");
        Map<String, Object> doc = new LinkedHashMap<>();
        for (int i = 0; i < specials.size(); i++) {
            doc.put("k" + i, specials.get(i));
        }
        String yaml = Yaml.dump(doc);
        for (int i = 0; i < specials.size(); i++) {
            assertThat(yaml).as(specials.get(i)).containsPattern("k" + i + ": [\"']" + java.util.regex.Pattern.quote(specials.get(i)) + "[\"']\\n");
        }
        assertThat(Yaml.load(yaml)).isEqualTo(doc);
    }

    @Test
    @DisplayName("ordinary strings, real booleans and numbers stay plain")
    void plain() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", "web");
        doc.put("enabled", true);
        doc.put("port", 8080);
        doc.put("words", "yes please");
        assertThat(Yaml.dump(doc)).isEqualTo("name: web\nenabled: true\nport: 8080\nwords: yes please\n");
    }
}
