package dev.k8sautopilot.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("DaemonSet, HTTPRoute and companion fields of a spec")
class SliceSpecsTest {

    private static ChartSpec.Builder web() {
        return ChartSpec.builder().name("web").image(Image.parse("nginx:1.27.3")).ports(List.of(Port.of("http", 8080)));
    }

    @Nested
    @DisplayName("DaemonSet")
    class DaemonSets {

        @Test
        @DisplayName("defaults: one node at a time, every node, no host ports; long-running but not replicated")
        void defaults() {
            ChartSpec spec = web().workload(Workload.DAEMONSET).build();
            assertThat(spec.daemonSet().maxUnavailable()).isEqualTo("1");
            assertThat(spec.daemonSet().tolerateAllNodes()).isTrue();
            assertThat(spec.daemonSet().hostPorts()).isEmpty();
            assertThat(spec.longRunning()).isTrue();
            assertThat(spec.replicated()).isFalse();
            assertThat(spec.hasService()).isTrue();
        }

        @Test
        @DisplayName("refuses autoscaling, host ports of other workloads, unknown port names and a zero maxUnavailable")
        void refusals() {
            assertThatThrownBy(() -> web().workload(Workload.DAEMONSET).autoscaling(new Autoscaling(true, 1, 3, 80, 0)).build())
                    .isInstanceOf(SpecException.class).hasMessageContaining("autoscaling.enabled").hasMessageContaining("fix:");
            assertThatThrownBy(() -> web().daemonSet(new DaemonSetSpec(null, null, List.of("http"))).build())
                    .hasMessageContaining("daemonSet.hostPorts").hasMessageContaining("only for a DaemonSet");
            assertThatThrownBy(() -> web().workload(Workload.DAEMONSET).daemonSet(new DaemonSetSpec(null, null, List.of("metrics"))).build())
                    .hasMessageContaining("daemonSet.hostPorts[0]").hasMessageContaining("[http]");
            assertThatThrownBy(() -> new DaemonSetSpec("0", null, null)).hasMessageContaining("daemonSet.maxUnavailable");
        }

        @Test
        @DisplayName("is read from a spec file, with the workload written in any case")
        void specFile() {
            ChartSpec spec = ChartSpecs.parse("name: agent\nimage: acme/agent:1.0.0\nworkload: daemonset\nports: [9100]\n"
                    + "daemonSet: {maxUnavailable: 20%, allNodes: false, hostPorts: [http]}\n");
            assertThat(spec.workload()).isEqualTo(Workload.DAEMONSET);
            assertThat(spec.daemonSet()).isEqualTo(new DaemonSetSpec("20%", false, List.of("http")));
        }
    }

    @Nested
    @DisplayName("HTTPRoute")
    class HttpRoutes {

        @Test
        @DisplayName("a gateway enables the route; tls attaches it to the https listener; match type aliases")
        void defaults() {
            HttpRouteSpec r = new HttpRouteSpec(null, "public-gw", null, null, List.of("Shop.Example.com", "*.example.com"), null, "prefix", true);
            assertThat(r.on()).isTrue();
            assertThat(r.sectionName()).isEqualTo("https");
            assertThat(r.hostnames()).containsExactly("shop.example.com", "*.example.com");
            assertThat(r.path()).isEqualTo("/");
            assertThat(r.matchType()).isEqualTo("PathPrefix");
            assertThat(HttpRouteSpec.disabled().on()).isFalse();
        }

        @Test
        @DisplayName("errors name the field and the fix")
        void refusals() {
            assertThatThrownBy(() -> new HttpRouteSpec(true, null, null, null, null, null, null, false))
                    .hasMessageContaining("httpRoute.gateway").hasMessageContaining("fix:");
            assertThatThrownBy(() -> HttpRouteSpec.to("gw", List.of("https://shop.example.com")))
                    .hasMessageContaining("httpRoute.hostnames[0]");
            assertThatThrownBy(() -> new HttpRouteSpec(null, "gw", null, null, null, "api", null, false)).hasMessageContaining("httpRoute.path");
            assertThatThrownBy(() -> new HttpRouteSpec(null, "gw", null, null, null, null, "Regex", false)).hasMessageContaining("httpRoute.matchType");
            assertThatThrownBy(() -> web().workload(Workload.JOB).httpRoute(HttpRouteSpec.to("gw", List.of())).build())
                    .hasMessageContaining("no Service to route to");
        }
    }

    @Nested
    @DisplayName("companions")
    class Companions {

        @Test
        @DisplayName("aliases resolve to catalog ids; variable names default to <APP>_HOST/_PORT/_USER/_PASSWORD; redis has no password")
        void defaults() {
            Companion pg = Companion.of("Postgres");
            assertThat(pg.app()).isEqualTo("postgresql");
            assertThat(pg.name()).isEqualTo("postgresql");
            assertThat(pg.on()).isTrue();
            assertThat(List.of(pg.hostEnv(), pg.portEnv(), pg.userEnv(), pg.passwordEnv()))
                    .containsExactly("POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD");
            assertThat(pg.user()).isEqualTo("postgres");
            Companion redis = Companion.of("redis");
            assertThat(redis.wiresPassword()).isFalse();
            assertThat(redis.userEnv()).isEmpty();
        }

        @Test
        @DisplayName("refuses unknown apps, bad names, duplicates, the chart's own name and variables the app sets itself")
        void refusals() {
            assertThatThrownBy(() -> Companion.of("oracle")).hasMessageContaining("companions[].app").hasMessageContaining("postgresql, mysql");
            assertThatThrownBy(() -> new Companion("mysql", "My-DB", null, null, null, null, null)).hasMessageContaining("companions[].name");
            assertThatThrownBy(() -> web().companions(List.of(Companion.of("mysql"), Companion.of("mysql"))).build())
                    .hasMessageContaining("companions[1].name");
            assertThatThrownBy(() -> web().name("redis").companions(List.of(Companion.of("redis"))).build())
                    .hasMessageContaining("the chart's own name");
            assertThatThrownBy(() -> web().secretEnv(List.of(SecretEnv.of("MYSQL_PASSWORD"))).companions(List.of(Companion.of("mysql"))).build())
                    .hasMessageContaining("MYSQL_PASSWORD").hasMessageContaining("fix:");
        }

        @Test
        @DisplayName("are read from a spec file and written back by toMap")
        void roundTrip() {
            ChartSpec spec = ChartSpecs.parse("name: ghost\nimage: ghost:5.105.0-alpine\nports: [2368]\n"
                    + "companions: [{app: mysql, hostEnv: database__connection__host}]\n");
            assertThat(spec.companions()).singleElement().extracting(Companion::hostEnv).isEqualTo("database__connection__host");
            assertThat(ChartSpecs.fromMap(ChartSpecs.toMap(spec))).isEqualTo(spec);
        }
    }
}
