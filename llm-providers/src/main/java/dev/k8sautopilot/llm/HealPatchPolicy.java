package dev.k8sautopilot.llm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model's patch of a chart file may never add, whatever finding it claims to fix: {@code lookup}
 * (it reads the live cluster and makes offline rendering fail, which would hide every later validation
 * layer), {@code tpl} (it evaluates user values as templates), host access (host network, PID, IPC, paths
 * and ports), privileged or root containers, privilege escalation, dangerous capabilities, an automounted
 * service-account token, a writable root filesystem, an unconfined seccomp profile, cluster-scoped objects
 * and any kind the file did not hold before. Only what the patch <em>adds</em> counts: a construct the file
 * already had is not the model's doing. Stateless.
 */
final class HealPatchPolicy {

    private record Rule(String what, Pattern pattern) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("a lookup call (it reads the live cluster)", Pattern.compile("\\blookup\\b")),
            new Rule("tpl (it renders values as templates)", Pattern.compile("\\btpl\\b")),
            new Rule("host networking", Pattern.compile("(?i)hostNetwork\\s*:\\s*(true|\\{\\{)")),
            new Rule("the host PID namespace", Pattern.compile("(?i)hostPID\\s*:\\s*(true|\\{\\{)")),
            new Rule("the host IPC namespace", Pattern.compile("(?i)hostIPC\\s*:\\s*(true|\\{\\{)")),
            new Rule("a hostPath volume", Pattern.compile("(?i)\\bhostPath\\s*:")),
            new Rule("a host port", Pattern.compile("(?i)\\bhostPort\\s*:")),
            new Rule("a privileged container", Pattern.compile("(?i)\\bprivileged\\s*:\\s*(true|\\{\\{)")),
            new Rule("privilege escalation", Pattern.compile("(?i)allowPrivilegeEscalation\\s*:\\s*(true|\\{\\{)")),
            new Rule("a root user", Pattern.compile("(?i)\\brunAs(User|Group)\\s*:\\s*0\\b")),
            new Rule("runAsNonRoot: false", Pattern.compile("(?i)runAsNonRoot\\s*:\\s*false")),
            new Rule("a dangerous capability", Pattern.compile("\\b(SYS_ADMIN|NET_ADMIN|SYS_PTRACE|SYS_MODULE|SYS_RAWIO|DAC_READ_SEARCH|BPF|PERFMON|NET_RAW)\\b")),
            new Rule("all capabilities", Pattern.compile("(?i)add\\s*:\\s*\\[?\\s*[\"']?ALL\\b")),
            new Rule("an automounted service-account token", Pattern.compile("(?i)automountServiceAccountToken\\s*:\\s*(true|\\{\\{)")),
            new Rule("a writable root filesystem", Pattern.compile("(?i)readOnlyRootFilesystem\\s*:\\s*false")),
            new Rule("an unconfined seccomp profile", Pattern.compile("(?i)\\bUnconfined\\b")));

    /** Kinds that live outside a namespace: a chart's heal never creates one. */
    static final Set<String> CLUSTER_SCOPED = Set.of("clusterrole", "clusterrolebinding", "namespace", "persistentvolume",
            "storageclass", "customresourcedefinition", "mutatingwebhookconfiguration", "validatingwebhookconfiguration",
            "priorityclass", "podsecuritypolicy", "node", "csidriver", "runtimeclass", "ingressclass",
            "validatingadmissionpolicy", "validatingadmissionpolicybinding", "apiservice", "certificatesigningrequest");

    private static final Pattern KIND = Pattern.compile("(?m)^\\s*kind\\s*:\\s*[\"']?([A-Za-z][A-Za-z0-9]*)");

    private HealPatchPolicy() {
    }

    /** Why the patch may not be used, or empty when it adds nothing forbidden. */
    static Optional<String> breach(String original, String patched) {
        for (Rule rule : RULES) {
            if (count(rule.pattern(), patched) > count(rule.pattern(), original)) {
                return Optional.of("the patch adds " + rule.what());
            }
        }
        Set<String> before = kinds(original);
        for (String kind : kinds(patched)) {
            String k = kind.toLowerCase(Locale.ROOT);
            if (CLUSTER_SCOPED.contains(k) && !before.contains(kind)) {
                return Optional.of("the patch adds a cluster-scoped " + kind);
            }
            if (!before.contains(kind)) {
                return Optional.of("the patch adds a new kind " + kind + " the file did not hold");
            }
        }
        return Optional.empty();
    }

    private static Set<String> kinds(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = KIND.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
