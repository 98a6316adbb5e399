package dev.k8sautopilot.a2a;

import io.a2a.spec.InvalidParamsError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the regular files of a gzip-compressed tar archive (a packaged Helm chart) in memory: ustar and GNU
 * headers, names with the ustar prefix; directories, links and extended headers are skipped. Nothing touches
 * the disk; the uncompressed size is bounded. Stateless.
 */
final class TarGz {

    /** Largest uncompressed archive accepted. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private TarGz() {
    }

    /**
     * Path → content of every regular file.
     *
     * @throws InvalidParamsError when the archive is not a readable .tgz or is too large
     */
    static Map<String, byte[]> read(String name, byte[] archive) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(archive))) {
            long total = 0;
            byte[] header = new byte[512];
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String path = string(header, 0, 100);
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty() && "ustar".equals(string(header, 257, 5))) {
                    path = prefix + "/" + path;
                }
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                total += size;
                if (size < 0 || total > MAX_BYTES) {
                    throw new InvalidParamsError("archive '" + name + "' is larger than " + MAX_BYTES / (1024 * 1024)
                            + " MiB uncompressed (fix: send the chart's files instead)");
                }
                byte[] content = new byte[(int) size];
                if (!readFully(in, content)) {
                    throw new IOException("truncated entry " + path);
                }
                long padding = (512 - size % 512) % 512;
                in.readNBytes((int) padding);
                if ((type == '0' || type == '\0') && !path.endsWith("/")) {
                    files.put(path, content);
                }
            }
        } catch (IOException e) {
            throw new InvalidParamsError("file part '" + name + "' is not a readable .tgz: " + e.getMessage()
                    + " (fix: send the archive helm package wrote, or the chart's files)");
        }
        if (files.isEmpty()) {
            throw new InvalidParamsError("archive '" + name + "' holds no files (fix: send the archive helm package wrote)");
        }
        return files;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == 0) {
            return false;
        }
        if (n < buffer.length) {
            throw new IOException("unexpected end of archive");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8).strip();
    }

    private static long octal(byte[] b, int offset, int length) throws IOException {
        String s = string(b, offset, length).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad size field '" + s + "'");
        }
    }
}
