package dev.k8sautopilot.maven;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * What a Maven project says about its chart: the chart name and versions from the POM, and the container image
 * from Jib or Eclipse JKube configuration when the project builds one.
 */
final class ProjectDefaults {

    private static final Pattern MAVEN_VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[.-](.+))?$");

    private ProjectDefaults() {
    }

    /**
     * A strict SemVer chart version from a Maven version: {@code 1.4} → {@code 1.4.0}, {@code 2.0-SNAPSHOT} →
     * {@code 2.0.0-SNAPSHOT}, {@code 3.1.2.RELEASE} → {@code 3.1.2-RELEASE}.
     */
    static String chartVersion(String mavenVersion) {
        Matcher m = MAVEN_VERSION.matcher(mavenVersion == null ? "" : mavenVersion.strip());
        if (!m.matches()) {
            return "0.1.0";
        }
        String core = num(m.group(1)) + "." + num(m.group(2)) + "." + num(m.group(3));
        String qualifier = m.group(4) == null ? "" : m.group(4).replaceAll("[^0-9A-Za-z.-]", "-").replaceAll("^[.-]+|[.-]+$", "");
        return qualifier.isEmpty() ? core : core + "-" + qualifier;
    }

    private static String num(String s) {
        return s == null ? "0" : String.valueOf(Long.parseLong(s));
    }

    /** A chart name (DNS label, at most 53 characters) from an artifactId. */
    static String chartName(String artifactId) {
        String s = artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 53) {
            s = s.substring(0, 53).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "chart" : s;
    }

    /**
     * The image the build produces, when Jib or JKube is configured: {@code jib.to.image}, the Jib plugin's
     * {@code <to><image>}, {@code jkube.image.name}/{@code jkube.generator.name}, or the JKube plugin's
     * {@code <images><image><name>}. An image without a tag gets the project version (what both tools push);
     * JKube's {@code %g}, {@code %a}, {@code %v} and {@code %l} placeholders are resolved.
     */
    static Optional<String> image(MavenProject project) {
        Properties props = project.getProperties();
        Optional<String> found = first(
                property(props, "jib.to.image"),
                pluginValue(project, "com.google.cloud.tools:jib-maven-plugin", "to", "image"),
                property(props, "jkube.image.name"),
                property(props, "jkube.generator.name"),
                pluginValue(project, "org.eclipse.jkube:kubernetes-maven-plugin", "images", "image", "name"),
                pluginValue(project, "org.eclipse.jkube:openshift-maven-plugin", "images", "image", "name"));
        return found.map(i -> withTag(resolve(i, project), project.getVersion()));
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        for (Optional<String> c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> property(Properties props, String key) {
        String v = props.getProperty(key);
        return v == null || v.isBlank() || v.contains("${") ? Optional.empty() : Optional.of(v.strip());
    }

    private static Optional<String> pluginValue(MavenProject project, String key, String... path) {
        List<Plugin> plugins = project.getBuildPlugins();
        for (Plugin p : plugins) {
            if (!p.getKey().equals(key) || !(p.getConfiguration() instanceof Xpp3Dom config)) {
                continue;
            }
            Xpp3Dom node = config;
            for (String step : path) {
                node = node == null ? null : node.getChild(step);
            }
            if (node != null && node.getValue() != null && !node.getValue().isBlank() && !node.getValue().contains("${")) {
                return Optional.of(node.getValue().strip());
            }
        }
        return Optional.empty();
    }

    private static String resolve(String image, MavenProject project) {
        String group = project.getGroupId();
        String lastGroup = group.substring(group.lastIndexOf('.') + 1);
        return image.replace("%g", lastGroup).replace("%a", project.getArtifactId())
                .replace("%v", project.getVersion()).replace("%l", project.getVersion()).replace("%t", project.getVersion());
    }

    private static String withTag(String image, String version) {
        int slash = image.lastIndexOf('/');
        boolean tagged = image.indexOf(':', slash + 1) >= 0 || image.contains("@");
        return tagged ? image : image + ":" + version.replaceAll("[^A-Za-z0-9_.-]", "-");
    }
}
