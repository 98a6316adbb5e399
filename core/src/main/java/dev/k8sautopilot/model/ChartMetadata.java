package dev.k8sautopilot.model;

import java.util.List;

/**
 * Chart.yaml metadata beyond name and versions.
 *
 * @param home        project home page
 * @param sources     source repositories / image locations
 * @param icon        icon URL
 * @param keywords    search keywords
 * @param maintainers maintainers; none by default (Chart.yaml leaves out what is not known: no placeholder)
 * @param license     SPDX licence id for {@code annotations.licenses}, default Apache-2.0
 */
public record ChartMetadata(String home, List<String> sources, String icon, List<String> keywords,
                            List<Maintainer> maintainers, String license) {

    /** Validates the fields and copies the lists; nulls become empty values. */
    public ChartMetadata {
        home = home == null ? "" : home.strip();
        sources = Checks.list(sources);
        icon = icon == null ? "" : icon.strip();
        keywords = Checks.list(keywords);
        maintainers = maintainers == null ? List.of() : List.copyOf(maintainers);
        license = Checks.orDefault(license, "Apache-2.0");
    }

    /** Defaults only. */
    public static ChartMetadata defaults() {
        return new ChartMetadata(null, null, null, null, null, null);
    }
}
