package dev.k8sautopilot.model;

/**
 * A chart maintainer as listed in Chart.yaml.
 *
 * @param name  display name
 * @param email contact e-mail, may be empty
 * @param url   contact URL, may be empty
 */
public record Maintainer(String name, String email, String url) {

    // What `helm lint` accepts (it checks maintainers with govalidator): no doubled '-', '.' or '_' in host names.
    private static final String HOST = "[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*(?:\\.[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*)+";
    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile("^https?://" + HOST + "(?::[0-9]{1,5})?(?:/\\S*)?$");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("^[^@\\s]+@" + HOST + "$");

    public Maintainer {
        name = Checks.orDefault(name, "");
        if (name.isEmpty()) {
            throw new SpecException("name", "is required", "give a maintainer name");
        }
        email = email == null ? "" : email.strip();
        url = url == null ? "" : url.strip();
        if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
            throw new SpecException("email", "'" + Checks.printable(email) + "' is not an e-mail address helm lint accepts",
                    "write it like team@example.com");
        }
        if (!url.isEmpty() && !URL.matcher(url).matches()) {
            throw new SpecException("url", "'" + Checks.printable(url) + "' is not an http(s) URL helm lint accepts",
                    "write it like https://github.com/acme");
        }
    }
}
