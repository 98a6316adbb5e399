package dev.k8sautopilot.validation.heal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Line-level edits of Go-template manifests shared by several healers. */
final class TemplateEdits {

    private static final Pattern DEFINE_SELECTOR = Pattern.compile("define\\s+\"([^\"]+)\\.selectorLabels\"");

    private TemplateEdits() {
    }

    /** Document ranges of a template whose {@code kind:} line is one of {@code kinds}. */
    static List<int[]> docsOfKind(List<String> lines, List<String> kinds) {
        return Lines.documents(lines).stream().filter(d -> {
            for (int i = d[0]; i < d[1]; i++) {
                String l = lines.get(i);
                if (Lines.indent(l) == 0 && l.startsWith("kind:") && kinds.contains(l.substring(5).strip())) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    /** The chart's selector-labels helper name ({@code <chart>.selectorLabels}), when _helpers.tpl defines one. */
    static Optional<String> selectorHelper(String helpers) {
        Matcher m = DEFINE_SELECTOR.matcher(helpers);
        return m.find() ? Optional.of(m.group(1) + ".selectorLabels") : Optional.empty();
    }

    /**
     * Inserts {@code spec.selector.matchLabels} into a workload document that has none: the chart's
     * selectorLabels helper when the pod labels use it (directly or through the labels helper), else a
     * copy of the pod template's labels block.
     *
     * @return true when inserted
     */
    static boolean insertSelector(List<String> lines, int[] doc, String helpers) {
        int spec = Lines.find(lines, doc[0], doc[1], 0, "spec:");
        if (spec < 0) {
            return false;
        }
        int specEnd = Lines.blockEnd(lines, spec, 0);
        int childIndent = childIndent(lines, spec, specEnd);
        if (childIndent < 0 || Lines.find(lines, spec + 1, specEnd, childIndent, "selector:") >= 0) {
            return false;
        }
        int template = Lines.find(lines, spec + 1, specEnd, childIndent, "template:");
        if (template < 0) {
            return false;
        }
        int templateEnd = Lines.blockEnd(lines, template, childIndent);
        int metaIndent = childIndent(lines, template, templateEnd);
        int meta = metaIndent < 0 ? -1 : Lines.find(lines, template + 1, templateEnd, metaIndent, "metadata:");
        if (meta < 0) {
            return false;
        }
        int metaEnd = Lines.blockEnd(lines, meta, metaIndent);
        int labelsIndent = childIndent(lines, meta, metaEnd);
        int labels = labelsIndent < 0 ? -1 : Lines.find(lines, meta + 1, metaEnd, labelsIndent, "labels:");
        if (labels < 0) {
            return false;
        }
        int labelsEnd = Lines.blockEnd(lines, labels, labelsIndent);
        List<String> labelLines = lines.subList(labels + 1, labelsEnd);
        String pad = Lines.spaces(childIndent);
        int target = childIndent + 4;
        Optional<String> helper = selectorHelper(helpers);
        String prefix = helper.map(h -> h.substring(0, h.length() - ".selectorLabels".length())).orElse("");
        boolean usesHelper = helper.isPresent() && labelLines.stream().anyMatch(l -> l.contains("include \"" + prefix + ".labels\"")
                || l.contains("include \"" + prefix + ".selectorLabels\""));
        List<String> insert = new java.util.ArrayList<>();
        insert.add(pad + "selector:");
        insert.add(pad + "  matchLabels:");
        if (usesHelper) {
            insert.add(Lines.spaces(target) + "{{- include \"" + helper.get() + "\" . | nindent " + target + " }}");
        } else {
            if (labelLines.stream().noneMatch(l -> !Lines.neutral(l) || l.contains("nindent"))) {
                return false;
            }
            int shift = target - (labelsIndent + 2);
            for (String l : labelLines) {
                String moved = Lines.indent(l) + shift >= 0 ? Lines.spaces(Lines.indent(l) + shift) + l.strip() : l;
                insert.add(moved.replaceAll("nindent\\s+" + (labelsIndent + 2), "nindent " + target));
            }
        }
        lines.addAll(spec + 1, insert);
        return true;
    }

    /** Indent of the first child line of a block, or -1 when the block has no content lines. */
    static int childIndent(List<String> lines, int start, int end) {
        for (int i = start + 1; i < end; i++) {
            if (!Lines.neutral(lines.get(i))) {
                return Lines.indent(lines.get(i));
            }
        }
        return -1;
    }

    /**
     * Adds {@code pathType} after every Ingress {@code path:} key whose item has none.
     *
     * @return number of paths fixed
     */
    static int addPathTypes(List<String> lines, int[] doc, String pathType) {
        int fixed = 0;
        for (int i = doc[0]; i < doc[1]; i++) {
            String l = lines.get(i);
            String s = l.strip();
            if (!(s.startsWith("path:") || s.startsWith("- path:"))) {
                continue;
            }
            int keyIndent = Lines.keyIndent(l);
            int itemStart = s.startsWith("- ") ? i : findItemStart(lines, i, keyIndent);
            int itemEnd = itemEnd(lines, itemStart, keyIndent, doc[1]);
            boolean has = false;
            for (int j = itemStart; j < itemEnd; j++) {
                if (Lines.keyIndent(lines.get(j)) == keyIndent && lines.get(j).strip().replaceFirst("^- ", "").startsWith("pathType:")) {
                    has = true;
                }
            }
            if (!has) {
                lines.add(i + 1, Lines.spaces(keyIndent) + "pathType: " + pathType);
                doc[1]++;
                fixed++;
            }
        }
        return fixed;
    }

    private static int findItemStart(List<String> lines, int from, int keyIndent) {
        for (int j = from; j >= 0; j--) {
            String l = lines.get(j);
            if (Lines.indent(l) == keyIndent - 2 && l.strip().startsWith("- ")) {
                return j;
            }
            if (!Lines.neutral(l) && Lines.indent(l) < keyIndent - 2) {
                return from;
            }
        }
        return from;
    }

    private static int itemEnd(List<String> lines, int itemStart, int keyIndent, int limit) {
        int j = itemStart + 1;
        for (; j < limit; j++) {
            String l = lines.get(j);
            if (Lines.neutral(l)) {
                continue;
            }
            if (Lines.indent(l) < keyIndent) {
                break;
            }
        }
        return j;
    }
}
