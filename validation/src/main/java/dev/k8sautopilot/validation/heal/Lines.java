package dev.k8sautopilot.validation.heal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Indentation-aware line helpers for template and YAML text. */
final class Lines {

    private Lines() {
    }

    static List<String> split(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    static String join(List<String> lines) {
        return String.join("\n", lines);
    }

    static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static String spaces(int n) {
        return " ".repeat(Math.max(0, n));
    }

    static boolean blank(String line) {
        return line.isBlank();
    }

    /** A line that is only a template action or a comment: it does not end a YAML block. */
    static boolean neutral(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#") || s.startsWith("{{") && s.endsWith("}}") && !s.contains("}}:");
    }

    /** Indent of the keys of a mapping item: for "- key:" lines, the column after the dash. */
    static int keyIndent(String line) {
        int i = indent(line);
        return line.startsWith("- ", i) ? i + 2 : i;
    }

    /** Exclusive end of the block of children of line {@code start}: the first later non-neutral line not deeper than {@code base}. */
    static int blockEnd(List<String> lines, int start, int base) {
        int end = start + 1;
        int lastContent = start;
        for (; end < lines.size(); end++) {
            String l = lines.get(end);
            if (neutral(l)) {
                // Template actions deeper than the key belong to its block; blank lines and comments never end it.
                if (!l.isBlank() && !l.strip().startsWith("#") && indent(l) > base) {
                    lastContent = end;
                }
                continue;
            }
            if (indent(l) <= base) {
                break;
            }
            lastContent = end;
        }
        return lastContent + 1;
    }

    /** Line ranges [start, end) of the YAML documents of a template, split at "---" lines. */
    static List<int[]> documents(List<String> lines) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                out.add(new int[] {start, i});
                start = i + 1;
            }
        }
        out.add(new int[] {start, lines.size()});
        return out;
    }

    /** Index of the first line in [from, to) whose stripped text starts with {@code prefix} at exactly {@code indent}, or -1. */
    static int find(List<String> lines, int from, int to, int indent, String prefix) {
        for (int i = from; i < to; i++) {
            String l = lines.get(i);
            if (indent(l) == indent && l.strip().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
