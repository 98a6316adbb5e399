package dev.k8sautopilot.internal;

/** Edit distance of words, for "did you mean" corrections of request keywords, spec and Kubernetes field names. */
public final class EditDistance {

    private EditDistance() {
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    public static int osa(String a, String b) {
        return distance(a, b, true);
    }

    /** Levenshtein distance: insertions, deletions and substitutions (a swap of neighbours costs two). */
    public static int levenshtein(String a, String b) {
        return distance(a, b, false);
    }

    /**
     * The edit distance of two words by dynamic programming over their prefixes.
     *
     * @param swaps whether a swap of neighbouring characters counts as one edit (optimal string alignment)
     */
    private static int distance(String a, String b, boolean swaps) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (swaps && i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
