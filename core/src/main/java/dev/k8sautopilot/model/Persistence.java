package dev.k8sautopilot.model;

/**
 * Persistent storage of the main container.
 *
 * @param enabled       whether it is on by default
 * @param size          requested size, e.g. {@code 8Gi}
 * @param accessMode    access mode, default ReadWriteOnce
 * @param storageClass  storage class; empty = cluster default
 * @param mountPath     where the volume is mounted, e.g. {@code /data}
 * @param existingClaim an existing PVC to use instead of creating one; empty for none
 */
public record Persistence(boolean enabled, String size, AccessMode accessMode, String storageClass, String mountPath,
                          String existingClaim) {

    public Persistence {
        size = Checks.orDefault(size, "8Gi");
        Checks.quantity("size", size, "8Gi");
        accessMode = accessMode == null ? AccessMode.READ_WRITE_ONCE : accessMode;
        storageClass = storageClass == null ? "" : storageClass.strip();
        if (!storageClass.isEmpty() && !storageClass.equals("-")) {
            Checks.dnsSubdomain("storageClass", storageClass);
        }
        mountPath = Checks.orDefault(mountPath, "/data");
        if (!mountPath.startsWith("/") || mountPath.contains("..")) {
            throw new SpecException("mountPath", "'" + Checks.printable(mountPath) + "' must be an absolute path without '..'",
                    "use a path such as /data");
        }
        existingClaim = existingClaim == null ? "" : existingClaim.strip();
        if (!existingClaim.isEmpty()) {
            Checks.dnsSubdomain("existingClaim", existingClaim);
        }
    }

    /** Persistence off (values still offer 8Gi at /data). */
    public static Persistence disabled() {
        return new Persistence(false, null, null, null, null, null);
    }
}
