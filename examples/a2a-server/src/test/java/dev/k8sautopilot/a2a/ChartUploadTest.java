package dev.k8sautopilot.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.k8sautopilot.model.ChartFiles;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.InvalidParamsError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ChartUploadTest {

    @Test
    void readsFilePartsAndDropsTheCommonChartDirectory() {
        ChartFiles files = ChartUpload.read(List.of(part("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n"),
                part("web/templates/service.yaml", "kind: Service\n")));
        assertThat(files.name()).isEqualTo("web");
        assertThat(files.files()).containsOnlyKeys("Chart.yaml", "templates/service.yaml");
    }

    @Test
    void readsAPackagedChart() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n");
        entries.put("web/values.yaml", "replicaCount: 1\n");
        ChartFiles files = ChartUpload.read(List.of(part("web-0.1.0.tgz", tgz(entries))));
        assertThat(files.files()).containsEntry("values.yaml", "replicaCount: 1\n").containsKey("Chart.yaml");
    }

    @Test
    void refusesPathsLeavingTheChartInFilesAndArchives() throws IOException {
        assertThatThrownBy(() -> ChartUpload.read(List.of(part("../../etc/cron.d/x", "x"))))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> ChartUpload.read(List.of(part("/etc/passwd", "x"))))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("absolute");
        byte[] evil = tgz(Map.of("web/Chart.yaml", "name: web\n", "web/../../../tmp/owned", "x"));
        assertThatThrownBy(() -> ChartUpload.read(List.of(part("web-0.1.0.tgz", evil))))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("'..'");
    }

    @Test
    void refusesBinaryGarbageAndMissingChartYaml() {
        assertThatThrownBy(() -> ChartUpload.read(List.of(part("web-0.1.0.tgz", new byte[] {1, 2, 3}))))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("not a readable .tgz");
        assertThatThrownBy(() -> ChartUpload.read(List.of(part("values.yaml", "a: 1\n"))))
                .isInstanceOf(InvalidParamsError.class).hasMessageContaining("no Chart.yaml");
    }

    private static FilePart part(String name, String text) {
        return part(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static FilePart part(String name, byte[] bytes) {
        return new FilePart(new FileWithBytes("application/octet-stream", name, Base64.getEncoder().encodeToString(bytes)));
    }

    /** A minimal ustar archive, gzip-compressed. */
    private static byte[] tgz(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, e.getKey());
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", content.length));
            header[156] = '0';
            put(header, 257, "ustar");
            raw.write(header);
            raw.write(content);
            raw.write(new byte[(512 - content.length % 512) % 512]);
        }
        raw.write(new byte[1024]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        }
        return gz.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, header, offset, b.length);
    }
}
