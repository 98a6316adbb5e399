package dev.k8sautopilot.validation;

import dev.k8sautopilot.model.ChartFiles;

/** Finds the template line a rendered-object finding most likely comes from. */
final class Locator {

    private Locator() {
    }

    /** 1-based line of the first line of {@code file} containing {@code needle}, 0 when unknown. */
    static int lineOf(ChartFiles files, String file, String needle) {
        if (file.isEmpty() || needle == null || needle.isEmpty()) {
            return 0;
        }
        String text = files.get(file).orElse("");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return 0;
    }
}
