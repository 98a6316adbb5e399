package dev.k8sautopilot.benchmarks;

import dev.k8sautopilot.model.AccessMode;
import dev.k8sautopilot.model.Autoscaling;
import dev.k8sautopilot.model.ChartMetadata;
import dev.k8sautopilot.model.ChartSpec;
import dev.k8sautopilot.model.ConfigFile;
import dev.k8sautopilot.model.EnvVar;
import dev.k8sautopilot.model.ExtraContainer;
import dev.k8sautopilot.model.Image;
import dev.k8sautopilot.model.IngressController;
import dev.k8sautopilot.model.IngressSpec;
import dev.k8sautopilot.model.JobSpec;
import dev.k8sautopilot.model.Maintainer;
import dev.k8sautopilot.model.Metrics;
import dev.k8sautopilot.model.NetworkPolicySpec;
import dev.k8sautopilot.model.PathType;
import dev.k8sautopilot.model.PdbSpec;
import dev.k8sautopilot.model.Persistence;
import dev.k8sautopilot.model.Port;
import dev.k8sautopilot.model.Probe;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Probes;
import dev.k8sautopilot.model.Protocol;
import dev.k8sautopilot.model.PullPolicy;
import dev.k8sautopilot.model.RateLimit;
import dev.k8sautopilot.model.RbacRule;
import dev.k8sautopilot.model.Resources;
import dev.k8sautopilot.model.ResourcesPreset;
import dev.k8sautopilot.model.SecretEnv;
import dev.k8sautopilot.model.SecuritySpec;
import dev.k8sautopilot.model.ServiceSpec;
import dev.k8sautopilot.model.ServiceType;
import dev.k8sautopilot.model.Tier;
import dev.k8sautopilot.model.TraefikOptions;
import dev.k8sautopilot.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * A QuickTheories generator of valid {@link ChartSpec}s using every option, biased towards edge values:
 * names of 1 to 53 characters, ports 1 and 65535, replica and UID limits, long env lists, and free-text
 * fields mixing unicode (accents, CJK, emoji), YAML syntax, Go-template delimiters and shell metacharacters.
 * Every draw goes through the randomness source, so QuickTheories can shrink a failing spec.
 */
final class RandomSpecs {

    /** Pieces of hostile or unusual free text; joined at random. */
    private static final List<String> TEXT = List.of("web", "Hello world", "{{ .Release.Name }}", "}}", "{{", "{{- fail \"x\" }}",
            "---", "...", "# not a comment", "key: value", "- item", "&anchor", "*alias", "!!binary", "|", ">", "'", "\"",
            "\\", "\\n", "$(rm -rf /)", "`id`", "; ls -la", "&& true", "%s%n", "${HOME}", "<script>alert(1)</script>",
            "é", "ß", "日本語", "中文", "😀", "🚀", "null", "true", "~", "0x1F", "1e3", "@at", "[a, b]", "{a: b}", "  ", "\t",
            "?", ",", "=", "$", "\u00a0", "Ω", "\u200b");

    private static final List<String> CAPABILITIES = List.of("NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID", "KILL", "DAC_OVERRIDE");
    private static final List<String> SCHEDULES = List.of("0 3 * * *", "*/5 * * * *", "@hourly", "@daily", "15 2 1 * *", "0 0 * * 0");
    private static final List<String> QUANTITY_UNITS = List.of("Mi", "Gi", "Ki", "M", "G", "");

    private RandomSpecs() {
    }

    /** Valid chart specs. */
    static Gen<ChartSpec> specs() {
        return in -> new Draw(in).spec();
    }

    /** The draws of one spec: thin helpers over a randomness source. */
    private static final class Draw {
        private final RandomnessSource in;

        Draw(RandomnessSource in) {
            this.in = in;
        }

        int between(int min, int max) {
            return (int) in.next(Constraint.between(min, max));
        }

        long between(long min, long max) {
            return in.next(Constraint.between(min, max));
        }

        boolean chance(int percent) {
            return between(0, 99) < percent;
        }

        <T> T pick(List<T> values) {
            return values.get(between(0, values.size() - 1));
        }

        <T> T pick(T[] values) {
            return values[between(0, values.length - 1)];
        }

        /** An edge value half of the time, else a value in the range. */
        int edgy(int min, int max) {
            return chance(50) ? (chance(50) ? min : max) : between(min, max);
        }

        String chars(String alphabet, int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(between(0, alphabet.length() - 1)));
            }
            return sb.toString();
        }

        /** A DNS label of 1..max characters. */
        String label(int max) {
            int length = chance(30) ? pick(List.of(1, max)) : between(1, max);
            if (length == 1) {
                return chars("abcdefghijklmnopqrstuvwxyz0123456789", 1);
            }
            return chars("abcdefghijklmnopqrstuvwxyz0123456789", 1) + chars("abcdefghijklmnopqrstuvwxyz0123456789-", length - 2)
                    + chars("abcdefghijklmnopqrstuvwxyz0123456789", 1);
        }

        /** A label that contains a letter (port names). */
        String portName(int index) {
            String base = chars("abcdefghijklmnopqrstuvwxyz", 1) + (chance(50) ? chars("abcdefghijklmnopqrstuvwxyz0123456789", between(0, 8)) : "");
            String name = base + "-" + index;
            return name.length() > 15 ? name.substring(name.length() - 15).replaceAll("^-+", "p") : name;
        }

        String host() {
            return label(20) + "." + label(10) + ".example.com";
        }

        /** Free text: hostile pieces, unicode and words, optionally with newlines. */
        String text(boolean newlines, int maxPieces) {
            int n = between(0, maxPieces);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(newlines && chance(15) ? "\n" : chance(70) ? " " : "");
                }
                sb.append(pick(TEXT));
            }
            return sb.toString();
        }

        String quantity() {
            return between(1, 4096) + pick(QUANTITY_UNITS);
        }

        String path() {
            String p = "/" + chars("abcdefghijklmnopqrstuvwxyz0123456789-_./%~", between(0, 20));
            while (p.contains("..")) {
                p = p.replace("..", "x.");
            }
            return p;
        }

        String envName(int index) {
            return chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", 1)
                    + chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", between(0, 12)) + "_" + index;
        }

        Image image() {
            String repo = chance(30) ? label(10) : label(8) + "/" + label(12);
            String tag = chance(10) ? "" : between(0, 20) + "." + between(0, 99) + "." + between(0, 999);
            String digest = tag.isEmpty() || chance(10) ? "sha256:" + chars("0123456789abcdef", 64) : "";
            String registry = pick(List.of("docker.io", "ghcr.io", "registry.example.com:5000", "quay.io"));
            return new Image(registry, repo, tag, digest, pick(PullPolicy.values()));
        }

        ChartSpec spec() {
            // DaemonSet charts (one pod per node: no autoscaling, no PDB) have their own suites (NewKindsIT, SliceChartsIT).
            Workload workload = pick(new Workload[] {Workload.DEPLOYMENT, Workload.STATEFULSET, Workload.JOB, Workload.CRONJOB});
            boolean longRunning = workload == Workload.DEPLOYMENT || workload == Workload.STATEFULSET;

            List<Port> ports = new ArrayList<>();
            Set<Integer> numbers = new LinkedHashSet<>();
            int portCount = longRunning ? between(chance(90) ? 1 : 0, 4) : between(0, 2);
            for (int i = 0; i < portCount; i++) {
                int number = edgy(1, 65535);
                if (!numbers.add(number)) {
                    continue;
                }
                ports.add(new Port(portName(i), number, chance(30) ? edgy(1, 65535) : 0,
                        chance(85) ? Protocol.TCP : pick(Protocol.values()), i == 0 || chance(70)));
            }
            boolean exposed = ports.stream().anyMatch(Port::exposed);

            ChartSpec.Builder b = ChartSpec.builder()
                    .name(label(53))
                    .description(chance(70) ? text(true, 8) : null)
                    .chartVersion(chance(50) ? null : between(0, 9) + "." + between(0, 99) + "." + between(0, 999)
                            + (chance(20) ? "-rc." + between(0, 9) : ""))
                    .metadata(metadata())
                    .workload(workload)
                    .image(image())
                    .command(chance(30) ? texts(3) : null)
                    .args(chance(30) ? texts(4) : null)
                    .ports(ports)
                    .replicas(chance(50) ? 0 : edgy(1, 1000))
                    .service(new ServiceSpec(pick(ServiceType.values()), chance(30) ? annotations() : null))
                    .tier(pick(Tier.values()))
                    .podAntiAffinityPreset(pick(List.of("soft", "hard", "none")))
                    .pdb(chance(40) ? (chance(50) ? new PdbSpec(true, between(0, 3) + "", null) : new PdbSpec(true, null,
                            chance(50) ? between(1, 100) + "%" : null)) : null)
                    .networkPolicy(chance(50) ? new NetworkPolicySpec(true, chance(50), chance(50)) : null)
                    .namespace(chance(30) ? label(63) : null)
                    .resources(resources())
                    .security(security())
                    .commonLabels(chance(30) ? labels() : null)
                    .commonAnnotations(chance(30) ? annotations() : null);

            if (chance(30)) {
                int min = edgy(1, 1000);
                b.autoscaling(new Autoscaling(true, min, chance(50) ? min : between(min, 1000), between(0, 100), between(0, 100)));
            }
            if (exposed && chance(40)) {
                b.ingress(ingress());
            }
            if (chance(30)) {
                AccessMode mode = pick(AccessMode.values());
                String claim = chance(20) ? label(30) : null;
                if (claim != null && mode == AccessMode.READ_WRITE_ONCE) {
                    b.replicas(1); // one ReadWriteOnce claim is never shared by several replicas (the spec refuses that)
                }
                b.persistence(new Persistence(true, quantity(), mode, chance(30) ? pick(List.of("-", "fast-ssd", "gp3.encrypted")) : null,
                        chance(50) ? path() : null, claim));
            }
            env(b);
            if (chance(30)) {
                List<ConfigFile> files = new ArrayList<>();
                for (int i = 0; i < between(1, 3); i++) {
                    files.add(new ConfigFile(chars("abcdefghijklmnopqrstuvwxyz", between(1, 8)) + i + pick(List.of(".conf", ".yaml", ".json", "")),
                            chance(50) ? path() : null, text(true, 12)));
                }
                b.configFiles(files);
            }
            if (longRunning) {
                // Liveness and readiness stay on: switching one off is an explicit opt-out that validation reports as an error by design.
                b.probes(new Probes(probe(ports, false), probe(ports, false), chance(30) ? probe(ports, true) : null));
            }
            if (chance(30)) {
                int port = between(1, 65535);
                b.metrics(new Metrics(true, numbers.contains(port) ? 0 : port, chance(50) ? path() : null, chance(50),
                        pick(List.of("30s", "1m", "500ms", "2h"))));
            }
            if (chance(25)) {
                b.initContainers(containers("init", between(1, 2)));
            }
            if (chance(25)) {
                b.sidecars(containers("side", between(1, 2)));
            }
            if (chance(25)) {
                b.rbac(List.of(new RbacRule(List.of(""), List.of(pick(List.of("configmaps", "services", "endpoints", "pods"))),
                        List.of("get", "watch")), new RbacRule(List.of("apps"), List.of("deployments"), List.of("get", "list"))));
            }
            if (!longRunning) {
                b.job(new JobSpec(pick(SCHEDULES), between(0, 100), chance(50) ? edgy(1, 31_536_000) : 0,
                        pick(List.of("Allow", "Forbid", "Replace"))));
            }
            return b.build();
        }

        List<String> texts(int max) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < between(1, max); i++) {
                out.add(text(chance(10), 4));
            }
            return out;
        }

        ChartMetadata metadata() {
            if (chance(40)) {
                return null;
            }
            List<Maintainer> maintainers = new ArrayList<>();
            for (int i = 0; i < between(0, 2); i++) {
                String name = text(false, 3).strip();
                // helm lint checks maintainer contacts strictly (no doubled '-' in host names), and so does the spec.
                maintainers.add(new Maintainer(name.isEmpty() ? "team" : name, chance(50) ? label(10) + "@example.com" : null,
                        chance(50) ? ("https://" + host()).replaceAll("-{2,}", "-").replace("-.", ".").replace(".-", ".") : null));
            }
            List<String> keywords = new ArrayList<>();
            for (int i = 0; i < between(0, 4); i++) {
                keywords.add(text(false, 2));
            }
            return new ChartMetadata(chance(50) ? "https://" + host() + path() : null, chance(50) ? List.of("https://" + host()) : null,
                    chance(50) ? "https://" + host() + "/icon.png" : null, keywords, maintainers,
                    chance(50) ? pick(List.of("MIT", "Apache-2.0", "GPL-3.0-or-later", "BSD-3-Clause")) : null);
        }

        Map<String, String> annotations() {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < between(1, 4); i++) {
                String key = (chance(50) ? label(10) + ".example.com/" : "") + chars("abcdefghijklmnopqrstuvwxyz", 1) + label(20);
                out.put(key, text(true, 6));
            }
            return out;
        }

        Map<String, String> labels() {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < between(1, 3); i++) {
                out.put((chance(30) ? "example.com/" : "") + "k" + label(20), chance(20) ? "" : label(40));
            }
            return out;
        }

        Resources resources() {
            if (chance(50)) {
                List<ResourcesPreset> presets = List.of(ResourcesPreset.NANO, ResourcesPreset.MICRO, ResourcesPreset.SMALL,
                        ResourcesPreset.MEDIUM, ResourcesPreset.LARGE, ResourcesPreset.XLARGE, ResourcesPreset.XXLARGE);
                return Resources.preset(pick(presets));
            }
            int cpu = between(1, 4000);
            int mem = between(1, 8192);
            return new Resources(null, cpu + "m", mem + "Mi", (cpu + between(0, 4000)) + "m", (mem + between(0, 8192)) + "Mi");
        }

        SecuritySpec security() {
            if (chance(40)) {
                return null;
            }
            List<String> caps = chance(30) ? List.of(pick(CAPABILITIES)) : null;
            List<String> writable = chance(30) ? List.of("/tmp/" + label(10), "/var/cache/" + label(10)) : null;
            return new SecuritySpec(chance(50) ? 0 : between(1L, 2_147_483_647L), chance(50) ? 0 : between(1L, 2_147_483_647L),
                    chance(50) ? 0 : between(1L, 2_147_483_647L), chance(80), writable, caps);
        }

        IngressSpec ingress() {
            IngressController controller = pick(IngressController.values());
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < between(0, 3); i++) {
                hosts.add(label(20) + "-" + i + "." + label(10) + ".example.com");
            }
            boolean tls = chance(50);
            TraefikOptions traefik = null;
            if (controller == IngressController.TRAEFIK && chance(70)) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (chance(50)) {
                    headers.put("X-Frame-Options", "DENY");
                    headers.put("X-Custom-" + chars("ABCDEFGHIJ", 4), text(false, 4));
                }
                traefik = new TraefikOptions(chance(50) ? List.of("web", "websecure") : null, chance(50), chance(50),
                        chance(50) ? new RateLimit(edgy(1, 1_000_000), 0) : null, headers, chance(30) ? label(20) : null);
            }
            return new IngressSpec(true, controller, chance(30) ? label(20) : null, hosts, chance(50) ? path() : null,
                    pick(PathType.values()), tls, tls && chance(50) ? label(30) : null,
                    tls && controller == IngressController.TRAEFIK && chance(50) ? "letsencrypt" : null, traefik);
        }

        void env(ChartSpec.Builder b) {
            // Mostly short lists; one spec in ten carries a huge one.
            int count = chance(10) ? between(100, 400) : between(0, 6);
            List<EnvVar> env = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                env.add(new EnvVar(envName(i), text(true, 5)));
            }
            b.env(env);
            if (chance(40)) {
                List<SecretEnv> secrets = new ArrayList<>();
                for (int i = 0; i < between(1, 4); i++) {
                    secrets.add(new SecretEnv("SECRET_" + envName(i), chance(50) ? null : label(20) + "." + i));
                }
                b.secretEnv(secrets);
                if (chance(40)) {
                    b.existingSecret(label(40));
                }
            }
        }

        Probe probe(List<Port> ports, boolean mayDisable) {
            if (mayDisable && chance(15)) {
                return Probe.disabled();
            }
            List<ProbeType> types = ports.isEmpty() ? List.of(ProbeType.EXEC) : List.of(ProbeType.HTTP, ProbeType.TCP, ProbeType.GRPC, ProbeType.EXEC);
            ProbeType type = pick(types);
            String port = !ports.isEmpty() && chance(50) ? pick(ports).name() : null;
            List<String> command = type == ProbeType.EXEC ? List.of("sh", "-c", text(false, 3)) : null;
            return new Probe(true, type, type == ProbeType.HTTP ? path() : null, port, command, edgy(0, 3600), edgy(1, 3600),
                    edgy(1, 3600), edgy(1, 1000), 0);
        }

        List<ExtraContainer> containers(String prefix, int count) {
            List<ExtraContainer> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<EnvVar> env = new ArrayList<>();
                for (int e = 0; e < between(0, 3); e++) {
                    env.add(new EnvVar(envName(e), text(true, 3)));
                }
                out.add(new ExtraContainer(prefix + "-" + i + "-" + label(20), image(), chance(50) ? List.of("sh", "-c", text(false, 3)) : null,
                        chance(30) ? texts(2) : null, env, null));
            }
            return out;
        }
    }
}
