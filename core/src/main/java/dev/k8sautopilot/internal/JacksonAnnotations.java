package dev.k8sautopilot.internal;

import com.fasterxml.jackson.annotation.JacksonAnnotation;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Where Jackson annotations are, for the writers and readers that stand in for Jackson ({@link RecordJson},
 * {@link RecordReader}): they handle a type only when no annotation would make Jackson treat it differently.
 */
final class JacksonAnnotations {

    private JacksonAnnotations() {
    }

    /** A Jackson annotation: from Jackson's packages, or a bundle meta-annotated as one. */
    static boolean isJackson(Class<? extends Annotation> type) {
        return type.getName().startsWith("com.fasterxml.jackson.") || type.isAnnotationPresent(JacksonAnnotation.class);
    }

    /** The first Jackson annotation on {@code element}, if any. */
    static Optional<Annotation> on(AnnotatedElement element) {
        for (Annotation a : element.getDeclaredAnnotations()) {
            if (isJackson(a.annotationType())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The first of {@code c}, its superclasses and its interfaces (all levels) that carries a Jackson annotation. */
    static Optional<Class<?>> onTypeOrSupertypes(Class<?> c) {
        List<Class<?>> seen = new ArrayList<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(c));
        while (!todo.isEmpty()) {
            Class<?> t = todo.poll();
            if (t == Object.class || t == Record.class || t == Enum.class || seen.contains(t)) {
                continue;
            }
            seen.add(t);
            if (on(t).isPresent()) {
                return Optional.of(t);
            }
            if (t.getSuperclass() != null) {
                todo.add(t.getSuperclass());
            }
            todo.addAll(List.of(t.getInterfaces()));
        }
        return Optional.empty();
    }
}
