package dev.k8sautopilot.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough of the Kubernetes protobuf encoding to read the labels and data of a Secret or ConfigMap
 * sent by client-go: the {@code k8s\0} envelope ({@code runtime.Unknown}), then the object's
 * {@code metadata.labels} (ObjectMeta field 11) and {@code data} (field 2 of both kinds; bytes for a
 * Secret, strings for a ConfigMap).
 */
final class Protobuf {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private Protobuf() {
    }

    /** Labels and data entries of a stored object. */
    record StoredObject(Map<String, String> labels, Map<String, byte[]> data) {
    }

    static StoredObject storedObject(byte[] body) throws IOException {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IOException("not a Kubernetes protobuf message");
        }
        byte[] raw = field(new Reader(body, MAGIC.length, body.length), 2);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, byte[]> data = new LinkedHashMap<>();
        Reader object = new Reader(raw, 0, raw.length);
        while (object.more()) {
            int tag = object.varint32();
            if (tag == (1 << 3 | 2)) {
                byte[] meta = object.bytes();
                Reader m = new Reader(meta, 0, meta.length);
                while (m.more()) {
                    int t = m.varint32();
                    if (t == (11 << 3 | 2)) {
                        byte[][] kv = entry(m.bytes());
                        labels.put(new String(kv[0], StandardCharsets.UTF_8), new String(kv[1], StandardCharsets.UTF_8));
                    } else {
                        m.skip(t);
                    }
                }
            } else if (tag == (2 << 3 | 2)) {
                byte[][] kv = entry(object.bytes());
                data.put(new String(kv[0], StandardCharsets.UTF_8), kv[1]);
            } else {
                object.skip(tag);
            }
        }
        return new StoredObject(labels, data);
    }

    private static byte[] field(Reader r, int number) throws IOException {
        while (r.more()) {
            int tag = r.varint32();
            if (tag == (number << 3 | 2)) {
                return r.bytes();
            }
            r.skip(tag);
        }
        throw new IOException("field " + number + " missing");
    }

    /** A map entry: key (field 1) and value (field 2). */
    private static byte[][] entry(byte[] bytes) throws IOException {
        Reader r = new Reader(bytes, 0, bytes.length);
        byte[][] kv = {new byte[0], new byte[0]};
        while (r.more()) {
            int tag = r.varint32();
            if (tag == (1 << 3 | 2)) {
                kv[0] = r.bytes();
            } else if (tag == (2 << 3 | 2)) {
                kv[1] = r.bytes();
            } else {
                r.skip(tag);
            }
        }
        return kv;
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws IOException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated varint");
                }
                byte b = buf[pos++];
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IOException("varint too long");
        }

        int varint32() throws IOException {
            return (int) varint();
        }

        byte[] bytes() throws IOException {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new IOException("truncated field");
            }
            byte[] out = Arrays.copyOfRange(buf, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }

        void skip(int tag) throws IOException {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new IOException("unsupported wire type " + (tag & 7));
            }
            if (pos > end) {
                throw new IOException("truncated field");
            }
        }
    }
}
