package dev.k8sautopilot.checkpoint;

import java.math.BigDecimal;

/**
 * Indents compact JSON the way {@link FileCheckpointer} has always written documents (Jackson's
 * {@code DefaultPrettyPrinter} over a token-by-token copy), but in one pass over the characters: a cold JVM spends
 * ~10 ms per 150 KB state re-parsing and re-generating it with Jackson, this ~1 ms.
 *
 * <p>It takes only canonical compact JSON, as Jackson writes it: no whitespace between tokens, strings escaped as
 * Jackson escapes them ({@code \" \\ \b \t \n \f \r} and <code>&#92;u00XX</code> for the other control characters, nothing
 * else), no unpaired surrogates, numbers in strict JSON syntax. Like Jackson's UTF-8 output it writes a character
 * outside the Basic Multilingual Plane as its two surrogates escaped. For anything else (other whitespace or escapes, a
 * syntax error, trailing content) it returns null and the caller lets Jackson copy the value, which also reports
 * what is wrong. Output for accepted input is byte for byte what the Jackson copy writes, numbers included
 * (fractions and exponents go through {@link BigDecimal}, as the copy reads them). Stateless.
 */
final class CompactJsonIndenter {

    private static final String NEWLINE = System.lineSeparator();
    private static final int MAX_DEPTH = 1000;

    private final String in;
    private final StringBuilder out;
    private int pos;

    private CompactJsonIndenter(String in, StringBuilder out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Appends {@code compact} indented as a value at nesting level {@code nesting} (1 for a field of the document's
     * top-level object); false, with {@code out} possibly extended, when the input is not canonical compact JSON.
     */
    static boolean append(String compact, int nesting, StringBuilder out) {
        CompactJsonIndenter j = new CompactJsonIndenter(compact, out);
        return j.value(nesting, 0) && j.pos == compact.length();
    }

    private boolean value(int nesting, int depth) {
        if (pos >= in.length() || depth > MAX_DEPTH) {
            return false;
        }
        char c = in.charAt(pos);
        return switch (c) {
            case '{' -> object(nesting, depth);
            case '[' -> array(nesting, depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int nesting, int depth) {
        pos++;
        out.append('{');
        if (peek('}')) {
            pos++;
            out.append(" }");
            return true;
        }
        int inner = nesting + 1;
        while (true) {
            newline(inner);
            if (!peek('"') || !string()) {
                return false;
            }
            if (!peek(':')) {
                return false;
            }
            pos++;
            out.append(" : ");
            if (!value(inner, depth + 1)) {
                return false;
            }
            if (peek(',')) {
                pos++;
                out.append(',');
            } else if (peek('}')) {
                pos++;
                newline(nesting);
                out.append('}');
                return true;
            } else {
                return false;
            }
        }
    }

    /** Arrays stay on the line (values separated by ", "); objects in them indent from the enclosing level. */
    private boolean array(int nesting, int depth) {
        pos++;
        out.append('[');
        if (peek(']')) {
            pos++;
            out.append(" ]");
            return true;
        }
        out.append(' ');
        while (true) {
            if (!value(nesting, depth + 1)) {
                return false;
            }
            if (peek(',')) {
                pos++;
                out.append(", ");
            } else if (peek(']')) {
                pos++;
                out.append(" ]");
                return true;
            } else {
                return false;
            }
        }
    }

    /** A string, copied; characters outside the BMP become two escaped surrogates, as Jackson's UTF-8 output writes them. */
    private boolean string() {
        int copied = pos;
        pos++;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                out.append(in, copied, pos);
                return true;
            }
            if (c < 0x20) {
                return false;
            }
            if (c == '\\') {
                if (!canonicalEscape()) {
                    return false;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (pos + 1 >= in.length() || !Character.isLowSurrogate(in.charAt(pos + 1))) {
                    return false;
                }
                out.append(in, copied, pos);
                escape(c);
                escape(in.charAt(pos + 1));
                pos += 2;
                copied = pos;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else {
                pos++;
            }
        }
        return false;
    }

    /** An escape exactly as Jackson writes it; advances past it. */
    private boolean canonicalEscape() {
        if (pos + 1 >= in.length()) {
            return false;
        }
        char e = in.charAt(pos + 1);
        switch (e) {
            case '"', '\\', 'b', 't', 'n', 'f', 'r' -> {
                pos += 2;
                return true;
            }
            case 'u' -> {
                if (pos + 6 > in.length() || in.charAt(pos + 2) != '0' || in.charAt(pos + 3) != '0') {
                    return false;
                }
                int hi = in.charAt(pos + 4);
                int lo = in.charAt(pos + 5);
                int code;
                if (hi == '0' || hi == '1') {
                    int l = lo >= '0' && lo <= '9' ? lo - '0' : lo >= 'A' && lo <= 'F' ? lo - 'A' + 10 : -1;
                    code = l < 0 ? -1 : (hi - '0') * 16 + l;
                } else {
                    code = -1;
                }
                // Jackson writes these five with their short escapes, every other control character as a 6-character u-escape.
                if (code < 0 || code == 0x08 || code == 0x09 || code == 0x0A || code == 0x0C || code == 0x0D) {
                    return false;
                }
                pos += 6;
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void escape(char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        for (int i = hex.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(hex);
    }

    private boolean literal(String word) {
        if (!in.startsWith(word, pos)) {
            return false;
        }
        pos += word.length();
        out.append(word);
        return true;
    }

    /** Strict JSON number syntax; integers are copied, fractions and exponents written as BigDecimal writes them. */
    private boolean number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (digit()) {
            while (digit()) {
                pos++;
            }
        } else {
            return false;
        }
        boolean integer = true;
        if (peek('.')) {
            integer = false;
            pos++;
            if (!digit()) {
                return false;
            }
            while (digit()) {
                pos++;
            }
        }
        if (peek('e') || peek('E')) {
            integer = false;
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digit()) {
                return false;
            }
            while (digit()) {
                pos++;
            }
        }
        String text = in.substring(start, pos);
        if (integer) {
            if (text.equals("-0")) {
                // Read as the integer 0 and written back as "0": Jackson's to write.
                return false;
            }
            out.append(text);
        } else {
            out.append(new BigDecimal(text));
        }
        return true;
    }

    private boolean digit() {
        return pos < in.length() && in.charAt(pos) >= '0' && in.charAt(pos) <= '9';
    }

    private boolean peek(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    private void newline(int nesting) {
        out.append(NEWLINE);
        for (int i = 0; i < nesting; i++) {
            out.append("  ");
        }
    }
}
