package dev.k8sautopilot.model;

import java.util.List;

/**
 * Pod and container security settings. Defaults are the hardened ones: non-root, no privilege
 * escalation, all capabilities dropped, RuntimeDefault seccomp, read-only root filesystem.
 *
 * @param runAsUser              UID, default 10001 (≥ 1; ≥ 10000 avoids clashing with host users)
 * @param runAsGroup             GID, default same as user
 * @param fsGroup                fsGroup for volumes, default same as group
 * @param readOnlyRootFilesystem mount the root filesystem read-only (writable paths get emptyDir volumes)
 * @param writablePaths          directories the app writes to besides {@code /tmp}, each gets an emptyDir
 * @param capabilities           capabilities added back after dropping ALL (e.g. NET_BIND_SERVICE)
 */
public record SecuritySpec(long runAsUser, long runAsGroup, long fsGroup, Boolean readOnlyRootFilesystem,
                           List<String> writablePaths, List<String> capabilities) {

    private static final List<String> FORBIDDEN_CAPABILITIES = List.of("SYS_ADMIN", "NET_RAW", "ALL", "SYS_PTRACE", "SYS_MODULE");

    public SecuritySpec {
        runAsUser = runAsUser == 0 ? 10001 : runAsUser;
        if (runAsUser < 0) {
            throw new SpecException("runAsUser", runAsUser + " is negative", "use a non-root UID such as 10001");
        }
        runAsGroup = runAsGroup == 0 ? runAsUser : runAsGroup;
        fsGroup = fsGroup == 0 ? runAsGroup : fsGroup;
        Checks.range("runAsUser", runAsUser, 1, 2_147_483_647L);
        Checks.range("runAsGroup", runAsGroup, 1, 2_147_483_647L);
        Checks.range("fsGroup", fsGroup, 1, 2_147_483_647L);
        readOnlyRootFilesystem = readOnlyRootFilesystem == null ? Boolean.TRUE : readOnlyRootFilesystem;
        writablePaths = Checks.list(writablePaths);
        for (int i = 0; i < writablePaths.size(); i++) {
            String p = writablePaths.get(i);
            if (!p.startsWith("/") || p.contains("..") || p.equals("/")) {
                throw new SpecException("writablePaths[" + i + "]", "'" + Checks.printable(p) + "' must be an absolute directory other than /",
                        "use a path such as /var/cache/nginx");
            }
        }
        capabilities = Checks.list(capabilities);
        for (int i = 0; i < capabilities.size(); i++) {
            String c = capabilities.get(i);
            if (!c.matches("^[A-Z_]+$")) {
                throw new SpecException("capabilities[" + i + "]", "'" + Checks.printable(c) + "' is not a capability name", "use a name such as NET_BIND_SERVICE");
            }
            if (FORBIDDEN_CAPABILITIES.contains(c)) {
                throw new SpecException("capabilities[" + i + "]", c + " is not allowed in a hardened chart",
                        "remove it; run the app so that it does not need " + c);
            }
        }
    }

    /** Hardened defaults: UID/GID 10001, read-only root filesystem. */
    public static SecuritySpec defaults() {
        return new SecuritySpec(0, 0, 0, null, null, null);
    }

    /** Whether the root filesystem is read-only. */
    public boolean readOnlyRoot() {
        return Boolean.TRUE.equals(readOnlyRootFilesystem);
    }
}
