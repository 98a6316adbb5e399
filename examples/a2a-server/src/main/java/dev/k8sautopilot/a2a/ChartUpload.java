package dev.k8sautopilot.a2a;

import dev.k8sautopilot.model.ChartFiles;
import dev.k8sautopilot.model.SpecException;
import io.a2a.spec.FilePart;
import io.a2a.spec.FileWithBytes;
import io.a2a.spec.FileWithUri;
import io.a2a.spec.InvalidParamsError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chart sent by a client as file parts (to validate or repair): each part's name is the file's chart-relative
 * path ({@code Chart.yaml}, {@code templates/deployment.yaml}; a common {@code NAME/} prefix is dropped) and its
 * bytes the content; or one part holding the packaged chart ({@code NAME-VERSION.tgz}, as {@code helm package}
 * writes it), read in memory. Paths are checked like every chart path ({@link ChartFiles#checkPath}); they only ever name
 * files inside a directory the server chose. Files by URI are refused: the server fetches nothing and reads no
 * client path. Stateless.
 */
final class ChartUpload {

    private static final Pattern CHART_NAME = Pattern.compile("(?m)^name:\\s*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?\\s*$");

    private ChartUpload() {
    }

    /**
     * The chart in the file parts.
     *
     * @throws InvalidParamsError when a part is not usable (the message names the part and the fix)
     */
    static ChartFiles read(List<FilePart> parts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (FilePart part : parts) {
            if (part.getFile() instanceof FileWithUri uri) {
                throw new InvalidParamsError("file part '" + uri.name() + "' is a URI; the server fetches nothing"
                        + " (fix: send the file's content as bytes, named by its path in the chart)");
            }
            FileWithBytes f = (FileWithBytes) part.getFile();
            String name = f.name() == null ? "" : f.name().strip();
            if (name.isEmpty()) {
                throw new InvalidParamsError("a file part has no name (fix: name each file by its path in the chart, e.g. templates/service.yaml)");
            }
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(f.bytes() == null ? "" : f.bytes().strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidParamsError("file part '" + name + "' is not valid base64 (fix: encode the content with base64)");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
                if (parts.size() != 1) {
                    throw new InvalidParamsError("file part '" + name + "' is an archive among other files (fix: send the packaged"
                            + " chart alone, or the chart's files without it)");
                }
                for (Map.Entry<String, byte[]> entry : TarGz.read(name, bytes).entrySet()) {
                    put(files, entry.getKey(), entry.getValue());
                }
            } else {
                put(files, name, bytes);
            }
        }
        files = withoutCommonDirectory(files);
        String chartYaml = files.get("Chart.yaml");
        if (chartYaml == null) {
            throw new InvalidParamsError("the chart has no Chart.yaml (fix: send every file of the chart, named by its path,"
                    + " including Chart.yaml)");
        }
        Matcher m = CHART_NAME.matcher(chartYaml);
        String name = m.find() ? m.group(1) : "chart";
        try {
            return new ChartFiles(name, files);
        } catch (SpecException e) {
            throw new InvalidParamsError(e.getMessage());
        }
    }

    private static void put(Map<String, String> files, String name, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidParamsError("file '" + name + "' is not UTF-8 text (fix: send the chart's text files only)");
        }
        try {
            files.put(ChartFiles.checkPath(name), text);
        } catch (SpecException e) {
            throw new InvalidParamsError("file '" + name + "': " + e.getMessage());
        }
    }

    /** Drops a {@code NAME/} prefix that every path shares when {@code NAME/Chart.yaml} is among them. */
    private static Map<String, String> withoutCommonDirectory(Map<String, String> files) {
        String first = files.keySet().stream().findFirst().orElse("");
        int slash = first.indexOf('/');
        if (slash <= 0) {
            return files;
        }
        String prefix = first.substring(0, slash + 1);
        if (!files.containsKey(prefix + "Chart.yaml") || !files.keySet().stream().allMatch(p -> p.startsWith(prefix))) {
            return files;
        }
        Map<String, String> stripped = new LinkedHashMap<>();
        files.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
        return stripped;
    }
}
