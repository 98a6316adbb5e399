package dev.k8sautopilot.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Unified diffs between two versions of a chart, for the generation-review gate. */
public final class Diffs {

    private static final int MAX_LINES = 4000;
    private static final int CONTEXT = 3;

    private Diffs() {
    }

    /** A unified diff of every file that differs; empty when both are equal. */
    public static String charts(Map<String, String> before, Map<String, String> after) {
        StringBuilder sb = new StringBuilder();
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        for (String path : paths) {
            String a = before.get(path);
            String b = after.get(path);
            if (a != null && a.equals(b)) {
                continue;
            }
            sb.append(file(path, a == null ? "" : a, b == null ? "" : b, a == null, b == null));
        }
        return sb.toString();
    }

    /** A unified diff of one file. */
    public static String file(String path, String before, String after, boolean created, boolean deleted) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(created ? "/dev/null" : "a/" + path).append('\n');
        sb.append("+++ ").append(deleted ? "/dev/null" : "b/" + path).append('\n');
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            sb.append("@@ file too large to diff (").append(a.size()).append(" → ").append(b.size()).append(" lines) @@\n");
            return sb.toString();
        }
        List<String[]> ops = ops(a, b);
        // Group the edit script into hunks with CONTEXT lines around changes.
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i)[0].equals(" ")) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size() && (end - lastChange) <= 2 * CONTEXT) {
                if (!ops.get(end)[0].equals(" ")) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aLine = 1;
            int bLine = 1;
            for (int k = 0; k < start; k++) {
                if (!ops.get(k)[0].equals("+")) {
                    aLine++;
                }
                if (!ops.get(k)[0].equals("-")) {
                    bLine++;
                }
            }
            int aCount = 0;
            int bCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int k = start; k < end; k++) {
                String[] op = ops.get(k);
                hunk.append(op[0]).append(op[1]).append('\n');
                if (!op[0].equals("+")) {
                    aCount++;
                }
                if (!op[0].equals("-")) {
                    bCount++;
                }
            }
            sb.append("@@ -").append(aCount == 0 ? aLine - 1 : aLine).append(',').append(aCount)
                    .append(" +").append(bCount == 0 ? bLine - 1 : bLine).append(',').append(bCount).append(" @@\n");
            sb.append(hunk);
            i = end;
        }
        return sb.toString();
    }

    private static List<String> lines(String s) {
        if (s.isEmpty()) {
            return List.of();
        }
        String[] parts = s.split("\n", -1);
        int count = s.endsWith("\n") ? parts.length - 1 : parts.length;
        return Arrays.asList(parts).subList(0, count);
    }

    private static List<String[]> ops(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new String[] {" ", a.get(i)});
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new String[] {"-", a.get(i++)});
            } else {
                out.add(new String[] {"+", b.get(j++)});
            }
        }
        while (i < n) {
            out.add(new String[] {"-", a.get(i++)});
        }
        while (j < m) {
            out.add(new String[] {"+", b.get(j++)});
        }
        return out;
    }
}
