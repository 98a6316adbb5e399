package dev.k8sautopilot.model;

/**
 * A configuration file rendered into a ConfigMap and mounted into the main container.
 *
 * @param fileName  file name (ConfigMap key), e.g. {@code app.conf}
 * @param mountPath directory it is mounted in, absolute, e.g. {@code /etc/app}
 * @param content   file content, kept verbatim (YAML-escaped when written)
 */
public record ConfigFile(String fileName, String mountPath, String content) {

    public ConfigFile {
        if (fileName == null || !fileName.matches("^[-._a-zA-Z0-9]+$") || fileName.equals(".") || fileName.equals("..")) {
            throw new SpecException("fileName", "'" + (fileName == null ? "" : Checks.printable(fileName)) + "' is not a valid file name",
                    "use letters, digits, '-', '_' and '.', e.g. app.conf");
        }
        mountPath = Checks.orDefault(mountPath, "/etc/config");
        if (!mountPath.startsWith("/") || mountPath.contains("..")) {
            throw new SpecException("mountPath", "'" + Checks.printable(mountPath) + "' must be an absolute path without '..'",
                    "use a path such as /etc/app");
        }
        content = content == null ? "" : content;
    }
}
