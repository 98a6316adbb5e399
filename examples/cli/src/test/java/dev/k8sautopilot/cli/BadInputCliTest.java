package dev.k8sautopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.k8sautopilot.internal.Yaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and malformed input through the command line in-process: each gets exit 2 and one line starting
 * {@code error:} naming the problem, never a stack trace; nothing is written outside the output directory;
 * hostile strings in a valid spec are escaped, so the chart still passes and shows them verbatim.
 */
@DisplayName("the CLI on bad input")
class BadInputCliTest {

    @TempDir
    Path root;
    Path out;
    Path in;

    @BeforeEach
    void dirs() throws IOException {
        out = Files.createDirectories(root.resolve("out"));
        in = Files.createDirectories(root.resolve("in"));
    }

    record Outcome(int code, String out, String err) {
    }

    static Outcome cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        return new Outcome(code, o.toString(), e.toString());
    }

    /** Every file and directory under {@code root}, relative, except the output directory's content. */
    private Set<String> outsideOutput() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            Set<String> paths = new TreeSet<>();
            all.filter(p -> !p.startsWith(out) || p.equals(out)).forEach(p -> paths.add(root.relativize(p).toString()));
            return paths;
        }
    }

    /** Runs the CLI and checks the shape of a usage error: exit 2, one error line, no trace, nothing written. */
    private Outcome rejected(String... args) throws IOException {
        Set<String> before = outsideOutput();
        Outcome o = cli(args);
        assertThat(o.code()).as("exit code; stderr: %s", o.err()).isEqualTo(Main.USAGE);
        List<String> errorLines = o.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errorLines).as(o.err()).hasSize(1);
        assertThat(errorLines.get(0).length()).as("error line length").isLessThan(600);
        assertThat(o.err() + o.out()).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("Caused by:");
        assertThat(outsideOutput()).as("files outside the output directory").isEqualTo(before);
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written).as("nothing written").isEmpty();
        }
        return o;
    }

    private Outcome generateSpec(String name, String content) throws IOException {
        Path spec = in.resolve(name);
        Files.writeString(spec, content, StandardCharsets.UTF_8);
        return rejected("generate", "--spec", spec.toString(), "--output", out.toString(), "--yes", "--checkpointer", "memory:");
    }

    @Nested
    @DisplayName("malformed spec documents")
    class Malformed {

        @TestFactory
        Stream<DynamicTest> eachIsOneClearLine() {
            String bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                    + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                    + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                    + "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\nname: web\nimage: nginx:1.27.3\n";
            StringBuilder deepYaml = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                deepYaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
            }
            deepYaml.append("  ".repeat(200)).append("v\n");
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put("unclosed flow sequence", "name: web\nimage: [nginx\n");
            cases.put("broken JSON", "{\"name\": \"web\", \"image\": }");
            cases.put("tab indentation", "name: web\n\timage: nginx:1.27.3\n");
            cases.put("alias bomb", bomb);
            cases.put("deep flow nesting", "[".repeat(5_000) + "]".repeat(5_000));
            cases.put("deep block nesting", deepYaml.toString());
            cases.put("a list, not a mapping", "- name: web\n- image: nginx\n");
            cases.put("a scalar", "just some words");
            cases.put("empty", "");
            cases.put("only a comment", "# nothing here\n");
            cases.put("two documents", "name: web\nimage: nginx:1.27.3\n---\nname: other\n");
            cases.put("unknown field", "name: web\nimage: nginx:1.27.3\nreplica: 3\n");
            cases.put("wrong type", "name: web\nimage: nginx:1.27.3\nreplicas: many\n");
            cases.put("duplicate key", "name: web\nname: other\nimage: nginx:1.27.3\n");
            cases.put("non-string key", "name: web\nimage: nginx:1.27.3\n? [a, b]\n: c\n");
            cases.put("custom tag", "name: !!java.lang.Runtime web\nimage: nginx:1.27.3\n");
            cases.put("huge env list value", "name: web\nimage: nginx:1.27.3\nenv:\n  A: \"" + "x".repeat(1_100_000) + "\"\n");
            return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
                Outcome o = generateSpec("spec.yaml", c.getValue());
                assertThat(o.err()).startsWith("error: spec");
            }));
        }

        @Test
        @DisplayName("binary and non-UTF-8 files are refused")
        void binary() throws IOException {
            Path spec = in.resolve("spec.bin");
            Files.write(spec, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28, 0, 1, 2});
            Outcome o = rejected("generate", "--spec", spec.toString(), "--output", out.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.err()).contains("UTF-8");
        }

        @Test
        @DisplayName("a missing spec file names the path")
        void missing() throws IOException {
            Outcome o = rejected("generate", "--spec", in.resolve("nope.yaml").toString(), "--output", out.toString(), "--yes",
                    "--checkpointer", "memory:");
            assertThat(o.err()).contains("nope.yaml");
        }
    }

    @Nested
    @DisplayName("names and paths")
    class Paths {

        @TestFactory
        Stream<DynamicTest> traversalIsRefused() {
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put("name with ..", "name: ../../evil\nimage: nginx:1.27.3\n");
            cases.put("absolute name", "name: /etc/evil\nimage: nginx:1.27.3\n");
            cases.put("name with a slash", "name: a/b\nimage: nginx:1.27.3\n");
            cases.put("name of 54 characters", "name: " + "a".repeat(54) + "\nimage: nginx:1.27.3\n");
            cases.put("config file name with ..", "name: web\nimage: nginx:1.27.3\nconfigFiles:\n  - fileName: ../../x\n    content: y\n");
            cases.put("config mount path with ..", "name: web\nimage: nginx:1.27.3\nconfigFiles:\n  - fileName: a.conf\n    mountPath: /etc/../root\n");
            cases.put("persistence mount path with ..", "name: web\nimage: nginx:1.27.3\npersistence:\n  enabled: true\n  mountPath: /data/../../etc\n");
            cases.put("writable path with ..", "name: web\nimage: nginx:1.27.3\nsecurity:\n  writablePaths: [/tmp/../etc]\n");
            cases.put("namespace with a slash", "name: web\nimage: nginx:1.27.3\nnamespace: kube-system/x\n");
            return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> generateSpec("spec.yaml", c.getValue())));
        }

        @Test
        @DisplayName("a traversal answer for the chart name is refused or reduced to a plain name inside the output directory")
        void traversalAnswer() throws IOException {
            Set<String> before = outsideOutput();
            Outcome o = cli("generate", "Create a Helm chart for nginx", "--answer", "name=../../escape", "--output", out.toString(),
                    "--yes", "--checkpointer", "memory:");
            safeOrRefused(o, before);
        }

        @Test
        @DisplayName("a request naming a traversal path writes only inside the output directory")
        void traversalInRequest() throws IOException {
            Set<String> before = outsideOutput();
            Outcome o = cli("generate", "Create a Helm chart called ../../../escape for nginx:1.27.3", "--output", out.toString(), "--yes",
                    "--checkpointer", "memory:");
            safeOrRefused(o, before);
        }

        private void safeOrRefused(Outcome o, Set<String> before) throws IOException {
            assertThat(o.err() + o.out()).doesNotContain("\tat ");
            assertThat(outsideOutput()).isEqualTo(before);
            if (o.code() == Main.OK) {
                try (Stream<Path> written = Files.list(out)) {
                    assertThat(written.toList()).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).matches("[a-z0-9-]+"));
                }
            } else {
                assertThat(o.code()).isEqualTo(Main.USAGE);
                assertThat(o.err()).startsWith("error:");
            }
        }

        @Test
        @DisplayName("an output path that is a file is a clear error")
        void outputIsAFile() throws IOException {
            Path file = Files.writeString(in.resolve("plain-file"), "x");
            Outcome o = cli("generate", "Create a Helm chart for nginx", "--output", file.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.code()).isEqualTo(Main.USAGE);
            assertThat(o.err().lines().filter(l -> l.startsWith("error:")).count()).as(o.err()).isEqualTo(1);
            assertThat(o.err()).doesNotContain("\tat ");
            assertThat(Files.readString(file)).isEqualTo("x");
        }
    }

    @Nested
    @DisplayName("enormous and binary requests")
    class Requests {

        @Test
        @DisplayName("a request over the limit names the limit")
        void enormousRequest() throws IOException {
            Outcome o = rejected("generate", "nginx ".repeat(5_000), "--output", out.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.err()).contains("request").contains("10000");
        }

        @Test
        @DisplayName("control characters in a request are refused")
        void controlCharacters() throws IOException {
            Outcome o = rejected("generate", "nginx\u0000\u0007", "--output", out.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.err()).contains("control");
        }

        @Test
        @DisplayName("a request full of template, YAML and shell syntax plans safely: a passing chart or a question, never a trace")
        void hostileRequest() throws IOException {
            Set<String> before = outsideOutput();
            Outcome o = cli("generate", "Create a Helm chart for nginx {{ .Release.Name }} }} --- ... $(rm -rf /) `id`; "
                    + "key: value # &a *a !!str with env GREETING={{ .Values.x }}", "--output", out.toString(), "--yes", "--json",
                    "--checkpointer", "memory:");
            assertThat(o.err() + o.out()).doesNotContain("\tat ");
            assertThat(outsideOutput()).isEqualTo(before);
            assertThat(o.code()).as(o.err()).isIn(Main.OK, Main.NEEDS_INPUT);
            if (o.code() == Main.OK) {
                try (Stream<Path> written = Files.list(out)) {
                    Path chart = written.toList().get(0);
                    Outcome valid = cli("validate", chart.toString());
                    assertThat(valid.code()).as(valid.out()).isZero();
                }
            }
        }

        @Test
        @DisplayName("an answer without field= or without a value is refused with the fix")
        void malformedAnswer() throws IOException {
            Outcome o = rejected("generate", "a chart for our billing service", "--answer", "ghcr.io/acme/billing:1.4.2", "--output",
                    out.toString(), "--yes", "--checkpointer", "memory:");
            assertThat(o.err()).contains("not field=value").contains("fix:");
            Outcome empty = rejected("resume", "20261201-000000-abcdef01", "--answer", "image=", "--checkpointer", "memory:");
            assertThat(empty.err()).contains("answer image has no value");
        }

        @Test
        @DisplayName("an enormous answer is refused")
        void enormousAnswer() throws IOException {
            rejected("generate", "a chart for our billing service", "--answer", "image=" + "a".repeat(3_000), "--output", out.toString(),
                    "--yes", "--checkpointer", "memory:");
        }
    }

    @Nested
    @DisplayName("hostile strings in a valid spec")
    class Hostile {

        static final List<String> HOSTILE = List.of("{{ .Release.Name }}", "}}", "{{", "---", "...", "line1\nline2", "$(rm -rf /)",
                "`id`; ls | cat && echo", "key: value # x", "&a *a !!str", "'\"\\", "日本語 😀");

        @Test
        @DisplayName("every free-text field is escaped: the chart passes and shows the text verbatim")
        @SuppressWarnings("unchecked")
        void escaped() throws IOException {
            String joined = String.join(" ", HOSTILE);
            StringBuilder spec = new StringBuilder("name: hostile\nimage: nginx:1.27.3\nports: [8080]\n");
            spec.append("description: ").append(quote(joined.replace("\n", " "))).append('\n');
            spec.append("command: [").append(quote(joined)).append("]\n");
            spec.append("args: [").append(String.join(", ", HOSTILE.stream().map(BadInputCliTest::quote).toList())).append("]\n");
            spec.append("env:\n");
            for (int i = 0; i < HOSTILE.size(); i++) {
                spec.append("  - name: V").append(i).append("\n    value: ").append(quote(HOSTILE.get(i))).append('\n');
            }
            spec.append("configFiles:\n  - fileName: app.conf\n    content: ").append(quote(joined)).append('\n');
            spec.append("service:\n  annotations:\n    example.com/note: ").append(quote(joined)).append('\n');
            spec.append("commonAnnotations:\n    example.com/note: ").append(quote(joined)).append('\n');
            spec.append("metadata:\n  keywords: [").append(quote(joined)).append("]\n  maintainers:\n    - name: ")
                    .append(quote(joined.replace("\n", " "))).append('\n');
            spec.append("ingress:\n  enabled: true\n  controller: traefik\n  hosts: [hostile.example.com]\n  traefik:\n    headers:\n")
                    .append("      X-Note: ").append(quote(joined)).append('\n');
            Path file = Files.writeString(in.resolve("hostile.yaml"), spec.toString());
            Set<String> before = outsideOutput();

            Outcome o = cli("generate", "--spec", file.toString(), "--output", out.toString(), "--yes", "--checkpointer", "memory:");

            assertThat(o.code()).as(o.err() + o.out()).isEqualTo(Main.OK);
            assertThat(outsideOutput()).isEqualTo(before);
            Path chart = out.resolve("hostile");
            Outcome rendered = cli("render", chart.toString());
            assertThat(rendered.code()).as(rendered.err()).isZero();
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object doc : Yaml.loadAll(rendered.out())) {
                if (doc != null) {
                    objects.add((Map<String, Object>) doc);
                }
            }
            String all = objects.toString();
            for (String h : HOSTILE) {
                assertThat(all).as("rendered objects keep %s", h).contains(h);
            }
            Map<String, Object> chartYaml = (Map<String, Object>) Yaml.load(Files.readString(chart.resolve("Chart.yaml")));
            assertThat(chartYaml.get("description")).isEqualTo(joined.replace("\n", " "));
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
