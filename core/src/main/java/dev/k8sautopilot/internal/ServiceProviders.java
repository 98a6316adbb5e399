package dev.k8sautopilot.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceLoader discovery with the project's rules: a provider that fails to load is logged and
 * skipped; two providers with the same id fail fast, naming both classes.
 */
public final class ServiceProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviders.class);
    private static final int MAX_PROVIDERS = 1000;

    private ServiceProviders() {
    }

    /** Every loadable provider of {@code type}, in discovery order; broken ones are logged and skipped. */
    public static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(type, loader).iterator();
        for (int guard = 0; guard < MAX_PROVIDERS; guard++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("Skipping a broken {} provider: {}", type.getSimpleName(), e.getMessage());
            }
        }
        return found;
    }

    /** Providers of {@code type} keyed by id; duplicates fail fast. */
    public static <T> Map<String, T> byId(Class<T> type, ClassLoader loader, Function<T, String> id) {
        return index(type.getSimpleName(), load(type, loader), id);
    }

    /** Indexes providers by id; duplicates fail fast naming both classes. */
    public static <T> Map<String, T> index(String what, List<T> providers, Function<T, String> id) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T p : providers) {
            String key;
            try {
                key = id.apply(p);
            } catch (RuntimeException e) {
                LOG.warn("Skipping {} provider {}: its id() failed: {}", what, p.getClass().getName(), e.getMessage());
                continue;
            }
            T previous = out.putIfAbsent(key, p);
            if (previous != null) {
                throw new IllegalStateException("Two " + what + " providers have the id '" + key + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName()
                        + " (fix: remove one of the jars from the classpath)");
            }
        }
        return out;
    }

    /** The class loader to discover with: the thread's context loader, else this library's. */
    public static ClassLoader defaultLoader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : ServiceProviders.class.getClassLoader();
    }
}
