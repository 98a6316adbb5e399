package dev.k8sautopilot.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helm's values coalescing: maps merge deeply, everything else is replaced, null deletes a key. */
final class ValuesMerge {

    private ValuesMerge() {
    }

    @SuppressWarnings("unchecked")
    static Object merge(Object base, Object override) {
        if (!(base instanceof Map<?, ?> b) || !(override instanceof Map<?, ?> o)) {
            return override;
        }
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) b);
        for (Map.Entry<?, ?> e : o.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (e.getValue() == null) {
                out.remove(k);
            } else {
                out.put(k, merge(out.get(k), e.getValue()));
            }
        }
        return out;
    }
}
