package dev.k8sautopilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@DisplayName("ModelGson")
class ModelGsonTest {

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","creationTimestamp":%s,
             "labels":{"app":"web"},"managedFields":[{"manager":"x"}]},
             "spec":{"replicas":%s,"selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx",
               "ports":[{"containerPort":%s}],"resources":{"limits":{"memory":%s}},
               "securityContext":{"runAsNonRoot":%s}}]}}}}""";

    @Test
    @DisplayName("a Deployment reaches the pod spec and metadata, but not unrelated kinds")
    void reachable() {
        assertThat(ModelGson.reachableModels(V1Deployment.class)).contains(V1Deployment.class, V1ObjectMeta.class, V1PodSpec.class)
                .doesNotContain(V1Node.class, V1Service.class);
        assertThat(ModelGson.reachableModels(V1Service.class)).contains(V1ServicePort.class).doesNotContain(V1PodSpec.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "null|3|80|\"128Mi\"|true",
        "\"2024-01-02T03:04:05Z\"|3|80|\"128Mi\"|true",
        "\"not a time\"|3|80|\"128Mi\"|true",
        "null|\"three\"|80|\"128Mi\"|true",
        "null|3.5|80|\"128Mi\"|true",
        "null|3|\"http\"|\"128Mi\"|true",
        "null|3|80|\"lots\"|true",
        "null|3|80|128|\"yes\"",
        "null|3|80|[1]|true"})
    @DisplayName("reads exactly like the client's JSON.getGson(): the same object, or the same error")
    void sameAsClient(String fields) {
        JsonElement json = JsonParser.parseString(DEPLOYMENT.formatted((Object[]) fields.split("\\|")));
        assertThat(read(ModelGson.forModel(V1Deployment.class), json)).isEqualTo(read(JSON.getGson(), json));
    }

    @Test
    @DisplayName("one Gson per model class, built once")
    void cached() {
        assertThat(ModelGson.forModel(V1Service.class)).isSameAs(ModelGson.forModel(V1Service.class));
    }

    private static List<String> read(Gson gson, JsonElement json) {
        try {
            return List.of("ok", String.valueOf(gson.fromJson(json, V1Deployment.class)));
        } catch (RuntimeException e) {
            return List.of(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }
}
