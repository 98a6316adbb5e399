package dev.k8sautopilot.templates;

import dev.k8sautopilot.model.AccessMode;
import dev.k8sautopilot.model.Autoscaling;
import dev.k8sautopilot.model.ChartMetadata;
import dev.k8sautopilot.model.ChartPlan;
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
import dev.k8sautopilot.model.Probes;
import dev.k8sautopilot.model.ProbeType;
import dev.k8sautopilot.model.Protocol;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Representative specs: what a planner produces for the corpus requests (written by hand here, the planner
 * lives elsewhere), plus the golden three, Job/CronJob and a spec that turns every option on.
 */
final class TestSpecs {

    private TestSpecs() {
    }

    static ChartPlan plan(ChartSpec spec) {
        return ChartPlan.of(spec);
    }

    /** Stateless web app (golden). */
    static ChartSpec webApp() {
        return ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).app("nginx")
                .ports(List.of(Port.of("http", 8080))).replicas(2)
                .probes(Probes.http("/"))
                .pdb(new PdbSpec(true, null, null))
                .security(new SecuritySpec(0, 0, 0, null, List.of("/var/cache/nginx", "/var/run"), null))
                .build();
    }

    /** Database StatefulSet with persistence and secret env (golden). */
    static ChartSpec database() {
        return ChartSpec.builder().name("postgres").image(Image.parse("postgres:16.4")).app("postgresql")
                .workload(Workload.STATEFULSET)
                .ports(List.of(Port.of("postgresql", 5432)))
                .persistence(new Persistence(true, "20Gi", AccessMode.READ_WRITE_ONCE, null, "/var/lib/postgresql/data", null))
                .env(List.of(new EnvVar("PGDATA", "/var/lib/postgresql/data/pgdata")))
                .secretEnv(List.of(new SecretEnv("POSTGRES_PASSWORD", "postgres-password")))
                .probes(new Probes(Probe.exec(List.of("pg_isready", "-U", "postgres")).withInitialDelay(30),
                        Probe.tcp().withInitialDelay(5), null))
                .resources(Resources.preset(ResourcesPreset.MEDIUM))
                .security(new SecuritySpec(999, 999, 999, null, List.of("/var/run/postgresql"), null))
                .build();
    }

    /** Traefik app with every middleware (golden). */
    static ChartSpec traefikApp() {
        return ChartSpec.builder().name("whoami").image(Image.parse("traefik/whoami:v1.10"))
                .ports(List.of(Port.of("http", 80)))
                .ingress(new IngressSpec(true, IngressController.TRAEFIK, null, List.of("whoami.local"), "/api", null, true,
                        null, null, new TraefikOptions(null, true, true, new RateLimit(50, 0),
                        Map.of("X-Frame-Options", "DENY"), "whoami-users")))
                .security(new SecuritySpec(0, 0, 0, null, null, List.of("NET_BIND_SERVICE")))
                .build();
    }

    /** A per-node metrics agent: DaemonSet on every node, its metrics port also on the node (golden). */
    static ChartSpec nodeAgent() {
        return ChartSpec.builder().name("node-exporter").image(Image.parse("quay.io/prometheus/node-exporter:v1.8.2"))
                .workload(Workload.DAEMONSET)
                .ports(List.of(Port.of("metrics", 9100)))
                .probes(Probes.http("/"))
                .metrics(new Metrics(true, 9100, "/metrics", true, null))
                .daemonSet(new dev.k8sautopilot.model.DaemonSetSpec("10%", true, List.of("metrics")))
                .security(new SecuritySpec(65534, 65534, 65534, null, null, null))
                .build();
    }

    /** A web app behind a Gateway API HTTPRoute on the Gateway's TLS listener (golden). */
    static ChartSpec gatewayApp() {
        return ChartSpec.builder().name("shop").image(Image.parse("ghcr.io/acme/shop:3.1.0"))
                .ports(List.of(Port.of("http", 8080)))
                .probes(Probes.http("/healthz"))
                .httpRoute(new dev.k8sautopilot.model.HttpRouteSpec(null, "public-gw", "gateway-system", null,
                        List.of("shop.example.com"), "/", null, true))
                .build();
    }

    /** Ghost with its own MySQL: an umbrella chart with the catalog's MySQL under charts/mysql (golden). */
    static ChartSpec umbrella() {
        return ChartSpec.builder().name("ghost").image(Image.parse("ghost:5.105.0-alpine")).app("ghost")
                .ports(List.of(Port.of("http", 2368)))
                .probes(Probes.http("/ghost/api/admin/site/"))
                .env(List.of(new EnvVar("database__client", "mysql")))
                .security(new SecuritySpec(1000, 1000, 1000, null, null, null))
                .companions(List.of(new dev.k8sautopilot.model.Companion("mysql", null, null, "database__connection__host",
                        "database__connection__port", "database__connection__user", "database__connection__password")))
                .build();
    }

    /** An API with its own PostgreSQL and Redis (default variable names; Redis has no password). */
    static ChartSpec twoCompanions() {
        return ChartSpec.builder().name("orders").image(Image.parse("ghcr.io/acme/orders:1.2.0"))
                .ports(List.of(Port.of("http", 8080)))
                .probes(Probes.http("/health"))
                .companions(List.of(dev.k8sautopilot.model.Companion.of("postgres"), dev.k8sautopilot.model.Companion.of("redis")))
                .build();
    }

    /** A StatefulSet whose only port is not exposed: it still gets a headless Service. */
    static ChartSpec internalStatefulSet() {
        return ChartSpec.builder().name("zk").image(Image.parse("zookeeper:3.9.3")).workload(Workload.STATEFULSET)
                .ports(List.of(new Port("peer", 2888, 0, null, false)))
                .probes(new Probes(Probe.exec(List.of("zkServer.sh", "status")), Probe.tcp(), null))
                .build();
    }

    static ChartSpec job() {
        return ChartSpec.builder().name("migrate").image(Image.parse("ghcr.io/acme/migrate:1.2.0")).workload(Workload.JOB)
                .command(List.of("/app/migrate")).args(List.of("--to", "latest-schema"))
                .secretEnv(List.of(SecretEnv.of("DATABASE_URL"))).build();
    }

    static ChartSpec cronJob() {
        return ChartSpec.builder().name("report").image(Image.parse("acme/report:2.0.1")).workload(Workload.CRONJOB)
                .job(new JobSpec("*/15 * * * *", 2, 600, "Replace"))
                .env(List.of(new EnvVar("REPORT_FORMAT", "pdf")))
                .networkPolicy(new NetworkPolicySpec(true, false, false))
                .build();
    }

    static ChartSpec nginxIngressTls() {
        return ChartSpec.builder().name("keycloak").image(Image.parse("quay.io/keycloak/keycloak:26.0.5"))
                .ports(List.of(Port.of("http", 8080)))
                .ingress(new IngressSpec(true, IngressController.NGINX, null, List.of("auth.example.org", "login.example.org"), null,
                        PathType.PREFIX, true, null, null, null))
                .probes(Probes.http("/health/ready"))
                .build();
    }

    static ChartSpec hpa() {
        return ChartSpec.builder().name("payments").image(Image.parse("registry.example.com/payments:1.0.3"))
                .ports(List.of(Port.of("http", 8080)))
                .autoscaling(new Autoscaling(true, 2, 10, 70, 0))
                .pdb(new PdbSpec(true, "1", null))
                .probes(Probes.http("/actuator/health"))
                .build();
    }

    /** Every option on. */
    static ChartSpec everything() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("team", "platform");
        labels.put("app.kubernetes.io/part-of", "shop");
        return ChartSpec.builder().name("everything").description("All the options: {{ .Release.Name }} stays literal")
                .chartVersion("1.2.3").appVersion("4.5.6")
                .app("custom")
                .metadata(new ChartMetadata("https://example.com", List.of("https://github.com/acme/everything"),
                        "https://example.com/icon.png", List.of("shop", "api"), List.of(new Maintainer("Acme", "ops@example.com", null)), "MIT"))
                .workload(Workload.DEPLOYMENT)
                .image(new Image("ghcr.io", "acme/everything", "4.5.6", "sha256:" + "a".repeat(64), null))
                .command(List.of("/bin/app")).args(List.of("--config", "/etc/app/app.yaml"))
                .ports(List.of(Port.of("http", 8080), new Port("grpc", 9090, 90, Protocol.TCP, true),
                        new Port("admin-ui", 8081, 0, null, false), new Port("gossip", 7946, 0, Protocol.UDP, true)))
                .replicas(3)
                .autoscaling(new Autoscaling(true, 3, 9, 70, 80))
                .service(new ServiceSpec(ServiceType.LOAD_BALANCER, Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")))
                .ingress(new IngressSpec(true, IngressController.GENERIC, "internal", List.of("shop.example.com"), "/shop",
                        PathType.IMPLEMENTATION_SPECIFIC, true, "shop-tls", null, null))
                .persistence(new Persistence(true, "5Gi", AccessMode.READ_WRITE_MANY, "fast", "/var/lib/app", null))
                .env(List.of(new EnvVar("LOG_LEVEL", "debug"), new EnvVar("TEMPLATE", "{{ .Release.Name }}"),
                        new EnvVar("QUOTED", "it's \"quoted\": yes")))
                .secretEnv(List.of(SecretEnv.of("API_TOKEN"), new SecretEnv("DB_PASSWORD", "db.password")))
                .configFiles(List.of(new ConfigFile("app.yaml", "/etc/app", "server:\n  port: 8080\nname: \"{{ .Values.x }}\"\n")))
                .resources(new Resources(ResourcesPreset.LARGE, "250m", null, null, "1Gi"))
                .probes(new Probes(Probe.http("/livez").withInitialDelay(20), Probe.http("/readyz"),
                        new Probe(true, ProbeType.GRPC, null, "grpc", null, 0, 5, 2, 30, 1)))
                .security(new SecuritySpec(10001, 10001, 10001, true, List.of("/var/cache/app"), List.of("NET_BIND_SERVICE")))
                .tier(Tier.PROD)
                .podAntiAffinityPreset("hard")
                .pdb(new PdbSpec(true, null, "25%"))
                .networkPolicy(new NetworkPolicySpec(true, false, false))
                .namespace("shop")
                .metrics(new Metrics(true, 9100, "/metrics", true, "15s"))
                .initContainers(List.of(new ExtraContainer("wait-db", Image.parse("busybox:1.37.0"), List.of("sh", "-c"),
                        List.of("until nc -z db 5432; do sleep 2; done"), null, null)))
                .sidecars(List.of(new ExtraContainer("log-shipper", Image.parse("fluent/fluent-bit:3.1.9"), null, null,
                        List.of(new EnvVar("FLUENT_LEVEL", "info")), List.of(Port.of("fluent", 2020)))))
                .rbac(List.of(new RbacRule(null, List.of("configmaps"), List.of("get", "list", "watch"))))
                .commonLabels(labels)
                .commonAnnotations(Map.of("acme.io/owner", "platform", "acme.io/tmpl", "{{ .Release.Name }}"))
                .build();
    }

    /** What a planner makes of the corpus requests that lead to a chart (hand-written, not hard-coded in main code). */
    static Map<String, ChartSpec> corpus() {
        Map<String, ChartSpec> m = new LinkedHashMap<>();
        m.put("nginx-plain", simple("nginx", "nginx:1.27.3", "http", 8080).build());
        m.put("nginx-replicas-ingress", simple("nginx", "nginx:1.27.3", "http", 8080).replicas(3).pdb(new PdbSpec(true, null, null))
                .ingress(new IngressSpec(true, null, null, List.of("www.example.com"), null, null, false, null, null, null)).build());
        m.put("redis-persistent", simple("redis", "redis:7.4.1", "redis", 6379).workload(Workload.STATEFULSET)
                .persistence(new Persistence(true, "5Gi", null, null, "/data", null)).build());
        m.put("postgres-db", database());
        m.put("api-traefik-tls", simple("orders-api", "ghcr.io/acme/orders-api:2.4.1", "http", 8080)
                .ingress(new IngressSpec(true, IngressController.TRAEFIK, null, List.of("api.acme.io"), null, null, true, null, null, null)).build());
        m.put("spring-hpa", hpa());
        m.put("env-and-config", simple("worker", "acme/worker:3.2", "http", 8080)
                .env(List.of(new EnvVar("LOG_LEVEL", "debug"), new EnvVar("QUEUE_NAME", "jobs")))
                .secretEnv(List.of(SecretEnv.of("API_TOKEN"))).build());
        m.put("resources", simple("nginx", "nginx:1.27.3", "http", 8080)
                .resources(new Resources(null, "250m", "256Mi", null, "512Mi")).build());
        m.put("loadbalancer", simple("grafana", "grafana/grafana:11.3.0", "http", 3000)
                .service(new ServiceSpec(ServiceType.LOAD_BALANCER, null)).security(new SecuritySpec(472, 0, 0, null, List.of("/var/lib/grafana"), null)).build());
        m.put("netpol-prod", simple("mongodb", "mongo:7.0.14", "mongodb", 27017).workload(Workload.STATEFULSET).replicas(3)
                .tier(Tier.PROD).pdb(new PdbSpec(true, null, null)).networkPolicy(new NetworkPolicySpec(true, null, null))
                .persistence(new Persistence(true, "8Gi", null, null, "/data/db", null)).build());
        m.put("rabbitmq", simple("rabbitmq", "rabbitmq:3.13.7-management", "amqp", 5672).workload(Workload.STATEFULSET)
                .ports(List.of(Port.of("amqp", 5672), Port.of("management", 15672)))
                .persistence(new Persistence(true, "8Gi", null, null, "/var/lib/rabbitmq", null)).build());
        m.put("fastapi", simple("inventory", "docker.io/team/inventory:0.9.0", "http", 8000).replicas(2)
                .probes(new Probes(Probe.tcp().withInitialDelay(10), Probe.http("/health"), null)).build());
        m.put("memcached", simple("memcached", "memcached:1.6.32", "memcache", 11211).build());
        m.put("keycloak-ingress", nginxIngressTls());
        m.put("mysql", simple("mysql", "mysql:8.4.3", "mysql", 3306).workload(Workload.STATEFULSET)
                .persistence(new Persistence(true, "10Gi", null, null, "/var/lib/mysql", null))
                .secretEnv(List.of(SecretEnv.of("MYSQL_ROOT_PASSWORD"))).build());
        m.put("go-grpc", simple("ledger", "quay.io/acme/ledger:v1.7.0", "grpc", 9090).replicas(3)
                .service(new ServiceSpec(ServiceType.NODE_PORT, null))
                .probes(new Probes(new Probe(true, ProbeType.GRPC, null, null, null, 10, 0, 0, 0, 0), null, null)).build());
        m.put("httpd", simple("httpd", "httpd:2.4.62", "http", 8080).replicas(2).pdb(new PdbSpec(true, null, null)).build());
        m.put("traefik-middlewares", simple("whoami", "traefik/whoami:v1.10", "http", 80)
                .ingress(new IngressSpec(true, IngressController.TRAEFIK, null, List.of("whoami.local"), "/api", null, true, null, null,
                        new TraefikOptions(null, true, true, null, null, null))).build());
        return m;
    }

    private static ChartSpec.Builder simple(String name, String image, String portName, int port) {
        return ChartSpec.builder().name(name).image(Image.parse(image)).ports(List.of(Port.of(portName, port)));
    }
}
