package dev.k8sautopilot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How far a package or type may be relied on. Every package of the library says it in its
 * {@code package-info.java}; a type may narrow it (an experimental type in a stable package).
 *
 * <pre>{@code
 * @API(status = API.Status.STABLE)
 * package dev.k8sautopilot.model;
 * }</pre>
 *
 * <ul>
 *   <li>{@link Status#STABLE}: for applications; changes only in a major version.</li>
 *   <li>{@link Status#SPI}: for plug-in authors to implement; new methods arrive as default methods.</li>
 *   <li>{@link Status#EXPERIMENTAL}: public and usable, but may change in a minor version.</li>
 *   <li>{@link Status#INTERNAL}: shared between k8s-autopilot's own modules only; may change in any release.
 *       Applications and plug-ins never import it, and no public signature outside it mentions it.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface API {

    /** The status. */
    Status status();

    /** The levels of {@link API}. */
    enum Status {
        /** For applications; changes only in a major version. */
        STABLE,
        /** For plug-in authors to implement. */
        SPI,
        /** Usable, may change in a minor version. */
        EXPERIMENTAL,
        /** For k8s-autopilot's own modules only. */
        INTERNAL
    }
}
