package dev.k8sautopilot.a2a;

import io.a2a.spec.Artifact;
import io.a2a.spec.DataPart;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.Part;
import io.a2a.spec.Task;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reading tasks in assertions. */
final class Tasks {

    private Tasks() {
    }

    static Optional<Artifact> artifact(Task task, String id) {
        return task.getArtifacts().stream().filter(a -> id.equals(a.artifactId())).findFirst();
    }

    /** path → text of every file part of the chart artifact. */
    static Map<String, String> chartFiles(Task task) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Part<?> p : artifact(task, ChartArtifacts.CHART).orElseThrow().parts()) {
            FileWithBytes f = (FileWithBytes) ((FilePart) p).getFile();
            files.put(f.name(), new String(Base64.getDecoder().decode(f.bytes()), StandardCharsets.UTF_8));
        }
        return files;
    }

    /** The data of the status message's data part. */
    static Map<String, Object> statusData(Task task) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Part<?> p : task.getStatus().message().getParts()) {
            if (p instanceof DataPart d) {
                data.putAll(d.getData());
            }
        }
        return data;
    }

    static String statusText(Task task) {
        return Messages.text(task.getStatus().message());
    }

    /** The validation report artifact's data. */
    static Map<String, Object> report(Task task) {
        return ((DataPart) artifact(task, ChartArtifacts.REPORT).orElseThrow().parts().get(0)).getData();
    }
}
