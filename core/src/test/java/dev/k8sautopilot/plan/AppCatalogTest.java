package dev.k8sautopilot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.SpecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AppCatalog")
class AppCatalogTest {

    private final AppCatalog catalog = AppCatalog.builtIn();

    private List<String> ids(String text) {
        return catalog.mentions(text).stream().map(m -> m.app().id()).toList();
    }

    @Test
    @DisplayName("the built-in catalog has at least 30 pinned, non-root entries in every category")
    void builtIn() {
        assertThat(catalog.entries()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(catalog.entries()).allSatisfy(e -> {
            assertThat(e.image().pinned()).as(e.id()).isTrue();
            assertThat(e.runAsUser()).as(e.id()).isPositive();
        });
        assertThat(catalog.entries()).extracting(AppEntry::category)
                .contains("web-server", "database", "cache", "broker", "observability", "cms", "runtime");
    }

    @Test
    @DisplayName("finds by id, alias and image repository")
    void find() {
        assertThat(catalog.find("pg")).get().extracting(AppEntry::id).isEqualTo("postgresql");
        assertThat(catalog.find("PostgreSQL")).get().extracting(AppEntry::id).isEqualTo("postgresql");
        assertThat(catalog.find("library/redis")).get().extracting(AppEntry::id).isEqualTo("redis");
        assertThat(catalog.find("nothing-like-this")).isEmpty();
    }

    @Nested
    @DisplayName("mentions in free text")
    class Mentions {
        @Test
        @DisplayName("are word-boundary aware")
        void boundaries() {
            assertThat(ids("a redis cache")).containsExactly("redis");
            assertThat(ids("redistribution of funds")).isEmpty();
            assertThat(ids("apache httpd and node.js")).containsExactly("httpd", "nodejs");
            assertThat(ids("my postgres, no wait, postgresql")).containsExactly("postgresql", "postgresql");
        }

        @Test
        @DisplayName("honour context words")
        void context() {
            assertThat(ids("keycloak with an nginx ingress")).containsExactly("keycloak");
            assertThat(ids("behind ingress-nginx")).isEmpty();
            assertThat(ids("expose prometheus metrics")).isEmpty();
            assertThat(ids("a go service")).containsExactly("go");
            assertThat(ids("ready to go live")).isEmpty();
        }
    }

    @Nested
    @DisplayName("loading")
    class Loading {
        @Test
        @DisplayName("errors name the entry and the field")
        void errors() {
            assertThatThrownBy(() -> AppCatalog.load("apps:\n  - id: foo\n    image: {repository: foo}\n"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("catalog.foo.tag");
            assertThatThrownBy(() -> AppCatalog.load("apps:\n  - id: foo\n    image: {repository: foo, tag: latest}\n"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("catalog.foo.image.tag");
            assertThatThrownBy(() -> AppCatalog.load("apps:\n  - id: foo\n    imgae: x\n"))
                    .isInstanceOf(SpecException.class).hasMessageContaining("catalog.foo.imgae");
            assertThatThrownBy(() -> AppCatalog.load("nope: 1")).isInstanceOf(SpecException.class).hasMessageContaining("apps");
        }

        @Test
        @DisplayName("one YAML entry adds an app the planner then knows")
        void addApp() {
            AppCatalog c = AppCatalog.load("apps:\n  - id: whoami\n    aliases: [who am i]\n    image: {repository: traefik/whoami, tag: v1.10.3}\n"
                    + "    ports: [{name: http, port: 80}]\n    probes: {type: http, path: /health}\n    runAsUser: 1000\n");
            var o = new RuleBasedPlanner(c).plan(dev.k8sautopilot.model.ChartRequest.of("whoami please"),
                    dev.k8sautopilot.spi.PlanningContext.offline());
            assertThat(((dev.k8sautopilot.model.PlanOutcome.Planned) o).plan().spec().image().reference()).contains("traefik/whoami:v1.10.3");
        }
    }

    @Nested
    @DisplayName("the compiled built-in catalog")
    class Compiled {
        private final byte[] yaml = resource("catalog.yaml");

        @Test
        @DisplayName("the build compiles catalog.yaml to JSON, and reading that gives the very entries the YAML gives")
        void sameEntries() {
            byte[] json = resource(AppCatalog.COMPILED_RESOURCE);
            assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"" + AppCatalog.COMPILED_CRC + "\":" + AppCatalog.crc32(yaml));

            List<AppEntry> fromYaml = AppCatalog.load(new String(yaml, StandardCharsets.UTF_8)).entries();
            assertThat(AppCatalog.fromResources(yaml, Optional.of(json)).entries()).isEqualTo(fromYaml).hasSizeGreaterThan(20);
            assertThat(AppCatalog.builtIn().entries()).isEqualTo(fromYaml);
        }

        @Test
        @DisplayName("a compiled form made from other YAML (edited after the build), or broken, is not used: the YAML is")
        void staleOrBroken() {
            String edited = new String(yaml, StandardCharsets.UTF_8) + "\n  - id: added-after-the-build\n"
                    + "    image: {repository: acme/added, tag: 1.0.0}\n    ports: [{name: http, port: 8080}]\n";
            Optional<byte[]> compiled = Optional.of(resource(AppCatalog.COMPILED_RESOURCE));

            AppCatalog c = AppCatalog.fromResources(edited.getBytes(StandardCharsets.UTF_8), compiled);
            assertThat(c.find("added-after-the-build")).isPresent();
            for (String broken : List.of("", "{", "[]", "{\"document\": {\"apps\": []}}", "{\"" + AppCatalog.COMPILED_CRC + "\": \"x\"}")) {
                assertThat(AppCatalog.fromResources(yaml, Optional.of(broken.getBytes(StandardCharsets.UTF_8))).entries())
                        .as(broken).hasSameSizeAs(AppCatalog.builtIn().entries());
            }
            assertThat(AppCatalog.fromResources(yaml, Optional.empty()).entries()).isEqualTo(AppCatalog.builtIn().entries());
        }

        private static byte[] resource(String name) {
            try (var in = AppCatalog.class.getResourceAsStream(name)) {
                assertThat(in).as(name + " on the classpath (the build's process-classes step writes the JSON)").isNotNull();
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
