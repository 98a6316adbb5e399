package dev.k8sautopilot.model;

/**
 * A chart maintainer as listed in Chart.yaml.
 *
 * @param name  display name
 * @param email contact e-mail, may be empty
 * @param url   contact URL, may be empty
 */
public record Maintainer(String name, String email, String url) {

    public Maintainer {
        name = Checks.orDefault(name, "");
        if (name.isEmpty()) {
            throw new SpecException("name", "is required", "give a maintainer name");
        }
        email = email == null ? "" : email.strip();
        url = url == null ? "" : url.strip();
    }
}
