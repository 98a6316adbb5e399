package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.internal.ServiceProviders;
import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.CheckpointerProvider;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Opens a {@link Checkpointer} from a URI through the {@link CheckpointerProvider}s on the classpath.
 *
 * <pre>{@code
 * Checkpointers.open("memory:");
 * Checkpointers.open("file:~/.k8s-autopilot/runs");
 * Checkpointers.open("jdbc:postgresql://localhost:5432/autopilot?user=app");
 * }</pre>
 */
public final class Checkpointers {

    private Checkpointers() {
    }

    /**
     * Opens a checkpointer for {@code uri}.
     *
     * @throws IllegalArgumentException when no provider serves the scheme (the message lists the known ones)
     */
    public static Checkpointer open(String uri) {
        return open(uri, ServiceProviders.defaultLoader());
    }

    /** As {@link #open(String)}, discovering providers with {@code loader}. */
    public static Checkpointer open(String uri, ClassLoader loader) {
        if (uri == null || uri.isBlank() || uri.indexOf(':') <= 0) {
            throw new IllegalArgumentException("checkpointer URI '" + uri + "' has no scheme (fix: use memory:, file:DIR or jdbc:...)");
        }
        String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT);
        Map<String, CheckpointerProvider> providers = ServiceProviders.byId(CheckpointerProvider.class, loader,
                p -> p.scheme().toLowerCase(Locale.ROOT));
        CheckpointerProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException("no checkpointer for scheme '" + scheme + "' (known: "
                    + new TreeSet<>(providers.keySet()) + ") (fix: use one of those, or add the jar that provides it)");
        }
        return provider.open(uri.strip());
    }
}
