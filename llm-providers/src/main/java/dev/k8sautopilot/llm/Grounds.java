package dev.k8sautopilot.llm;

import dev.k8sautopilot.model.ChartRequest;
import dev.k8sautopilot.model.Image;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user said explicitly — the request text, the answers to clarification questions and reviewer
 * feedback — and the checks that tell whether a value proposed by a model is grounded in it. Matching is
 * case-insensitive and on token boundaries ({@code /data} is not grounded by {@code /var/lib/data}); an
 * image is grounded only by the whole reference (registry, repository and tag), never by its last path
 * segment. Immutable and thread-safe.
 */
final class Grounds {

    private static final Pattern TOKEN_EDGE = Pattern.compile("[\\s,;()\\[\\]{}<>\"'`]+");

    private final String text;
    private final List<Image> images;

    private Grounds(String text) {
        this.text = text.toLowerCase(Locale.ROOT);
        this.images = imageReferences(text);
    }

    /** The explicit text of a request: its words, the answers and the feedback. */
    static Grounds of(ChartRequest request) {
        StringBuilder sb = new StringBuilder(request.text());
        request.answers().forEach((field, answer) -> sb.append('\n').append(field).append(' ').append(answer));
        request.feedback().forEach(f -> sb.append('\n').append(f));
        return new Grounds(sb.toString());
    }

    /** Grounds made of a plain text (tests, and callers with no request). */
    static Grounds ofText(String text) {
        return new Grounds(text == null ? "" : text);
    }

    /**
     * True when {@code value} occurs in the explicit text as a whole token: not preceded or followed by a
     * letter, digit or a character of paths and references ({@code / _ - . : @}; a sentence's final
     * {@code .} or {@code :} still ends a token). Blank values are never grounded.
     */
    boolean mentions(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int i = text.indexOf(v, from);
            if (i < 0) {
                return false;
            }
            int end = i + v.length();
            boolean before = i == 0 || !wordChar(text.charAt(i - 1));
            boolean after = end == text.length() || !wordChar(text.charAt(end))
                    || ".:!?".indexOf(text.charAt(end)) >= 0 && (end + 1 == text.length() || Character.isWhitespace(text.charAt(end + 1)));
            if (before && after) {
                return true;
            }
            from = i + 1;
        }
    }

    /** Characters that continue a token: letters, digits and those inside paths, hosts and references. */
    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || "/_-.:@".indexOf(c) >= 0;
    }

    /** True when the explicit text matches {@code regex} (case-insensitive; the text is lower case). */
    boolean matches(Pattern regex) {
        return regex.matcher(text).find();
    }

    /**
     * True when the explicit text names this whole image reference: same registry, same repository (Docker
     * Hub's {@code library/} and {@code docker.io} spelled or not), same tag and digest. A reference without
     * a tag is grounded by a named reference of the same repository only when that one has no tag either.
     */
    boolean namesImage(String reference) {
        Optional<Image> parsed = parse(reference);
        if (parsed.isEmpty()) {
            return false;
        }
        Image image = parsed.get();
        for (Image named : images) {
            if (named.registry().equals(image.registry()) && named.repository().equalsIgnoreCase(image.repository())
                    && named.tag().equals(image.tag()) && named.digest().equals(image.digest())) {
                return true;
            }
        }
        return false;
    }

    /** The image references written in the explicit text (tokens with a tag, a digest or a path). */
    List<Image> images() {
        return images;
    }

    /** The distinct image references in the explicit text that carry a tag or a digest. */
    List<String> pinnedImages() {
        return images.stream().filter(i -> !i.tag().isEmpty() || !i.digest().isEmpty()).map(Image::reference).distinct().toList();
    }

    private static List<Image> imageReferences(String text) {
        List<Image> out = new ArrayList<>();
        for (String token : TOKEN_EDGE.split(text)) {
            String t = token.replaceAll("[.:,;!?]+$", "");
            if (t.isEmpty() || t.contains("://") || !(t.contains(":") || t.contains("/") || t.contains("@"))) {
                continue;
            }
            parse(t).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private static Optional<Image> parse(String reference) {
        try {
            return Optional.of(Image.parse(reference));
        } catch (IllegalArgumentException e) { // SpecException included
            return Optional.empty();
        }
    }

    /** Every URL-like or address-like substring of a value that points at a cloud metadata endpoint. */
    static boolean pointsAtMetadataService(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = METADATA.matcher(value.toLowerCase(Locale.ROOT));
        return m.find();
    }

    private static final Pattern METADATA = Pattern.compile(
            "169\\.254\\.169\\.254|169\\.254\\.170\\.2|metadata\\.google\\.internal|100\\.100\\.100\\.200|fd00:ec2::254|metadata\\.azure");
}
