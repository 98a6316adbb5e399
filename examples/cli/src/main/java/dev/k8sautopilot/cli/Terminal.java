package dev.k8sautopilot.cli;

/** Terminal facts: colour only on a real terminal, never when NO_COLOR is set or TERM is dumb. */
final class Terminal {

    private Terminal() {
    }

    static boolean colors(boolean disabled) {
        if (disabled || System.getenv("NO_COLOR") != null || System.console() == null) {
            return false;
        }
        String term = System.getenv("TERM");
        return term != null && !term.equals("dumb");
    }

    static String paint(boolean on, String code, String text) {
        return on ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
