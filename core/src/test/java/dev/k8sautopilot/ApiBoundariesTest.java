package dev.k8sautopilot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Public, SPI and internal: every package says which it is, and internal types stay out of sight. */
class ApiBoundariesTest {

    private static final String INTERNAL = "dev.k8sautopilot.internal";

    static List<Class<?>> coreClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ChartPipeline.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(f).toString().replace('/', '.').replace('\\', '.');
                name = name.substring(0, name.length() - ".class".length());
                if (!name.endsWith("package-info")) {
                    out.add(Class.forName(name, false, ApiBoundariesTest.class.getClassLoader()));
                }
            }
        }
        return out;
    }

    @Test
    @DisplayName("every package of core declares its API status")
    void packagesDeclareTheirStatus() throws Exception {
        Map<String, API.Status> expected = new TreeMap<>(Map.of(
                "dev.k8sautopilot", API.Status.STABLE,
                "dev.k8sautopilot.checkpoint", API.Status.STABLE,
                "dev.k8sautopilot.config", API.Status.STABLE,
                "dev.k8sautopilot.hitl", API.Status.STABLE,
                "dev.k8sautopilot.model", API.Status.STABLE,
                "dev.k8sautopilot.spi", API.Status.SPI,
                "dev.k8sautopilot.internal", API.Status.INTERNAL));
        for (Map.Entry<String, API.Status> e : expected.entrySet()) {
            Class<?> info = Class.forName(e.getKey() + ".package-info");
            API api = info.getAnnotation(API.class);
            assertThat(api).as("@API on %s", e.getKey()).isNotNull();
            assertThat(api.status()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    @DisplayName("no public signature outside the internal package mentions an internal type")
    void publicSignaturesDoNotLeakInternalTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> classes = coreClasses();
        assertThat(classes).as("core classes found").contains(ChartPipeline.class, RunResult.Failed.class);
        for (Class<?> c : classes) {
            if (c.getPackageName().equals(INTERNAL) || !isPublicApi(c)) {
                continue;
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    check(leaks, c.getName() + "." + m.getName() + " returns", m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(leaks, c.getName() + "." + m.getName() + " takes", p);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    for (Type p : k.getGenericParameterTypes()) {
                        check(leaks, c.getName() + " constructor takes", p);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
                }
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    check(leaks, c.getName() + "." + rc.getName(), rc.getGenericType());
                }
            }
            if (c.getSuperclass() != null) {
                check(leaks, c.getName() + " extends", c.getGenericSuperclass());
            }
        }
        assertThat(leaks).as("public API mentioning %s types (add a public type instead)", INTERNAL).isEmpty();
    }

    @Test
    @DisplayName("the examples, which users copy, import nothing internal")
    void examplesDoNotImportInternals() throws IOException {
        Path examples = Path.of("..", "examples").toAbsolutePath().normalize();
        assertThat(examples).as("the examples next to core").isDirectory();
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
                    && p.toString().replace('\\', '/').contains("/src/main/java/"))::iterator) {
                if (Files.readString(f).contains("import " + INTERNAL + ".")) {
                    offenders.add(examples.relativize(f).toString());
                }
            }
        }
        assertThat(offenders).as("example sources importing %s", INTERNAL).isEmpty();
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void check(List<String> leaks, String where, Type t) {
        if (t instanceof Class<?> c) {
            Class<?> base = c.isArray() ? c.getComponentType() : c;
            if (base.getPackageName().equals(INTERNAL)) {
                leaks.add(where + " " + base.getName());
            }
        } else if (t instanceof ParameterizedType p) {
            check(leaks, where, p.getRawType());
            for (Type a : p.getActualTypeArguments()) {
                check(leaks, where, a);
            }
        } else if (t instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(leaks, where, b);
            }
            for (Type b : w.getLowerBounds()) {
                check(leaks, where, b);
            }
        }
    }
}
