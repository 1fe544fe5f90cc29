package org.groklab.run;

import org.groklab.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reader and writer for the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, restricted to float tensors.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON mapping each tensor name to {@code {"dtype","shape","data_offsets":[begin,end]}} plus an
 * optional {@code "__metadata__"} object of string values; then the little-endian data buffer,
 * to which the offsets are relative.
 *
 * <p>Writing produces F32, or F64 for tensors with float64 values, and is byte-deterministic: {@code __metadata__} comes first (and
 * is omitted when empty), tensors follow in list order both in the header and in the buffer, the
 * JSON is compact, and the header is padded with spaces to a multiple of 8 bytes like the
 * reference implementation. Reading accepts F32 and F64 (kept, with its float32 rounding) and validates the
 * file thoroughly; every problem is reported as a one-line {@link IOException} naming the file.
 */
public final class Safetensors {

    /**
     * The metadata key of the checksum {@link #withChecksum} adds: {@code sha256:} and the hex SHA-256 of, in UTF-8,
     * one line {@code meta KEY=VALUE\n} per other metadata entry and one line
     * {@code tensor NAME DTYPE D1,D2,... BEGIN END\n} per tensor (both in header order), followed by the raw data
     * buffer. It covers every byte of the file but the header's JSON punctuation and padding; {@link #read} checks
     * it whenever it is present (files without one still load).
     */
    public static final String CHECKSUM = "checksum";

    /** Header size limit of the reference implementation. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Safetensors() {}

    /**
     * A named float tensor in row-major order, stored as F32, or as F64 when it has float64 values. The arrays are
     * held by reference, not copied.
     *
     * @param name   tensor name, unique within a file; must not be {@code "__metadata__"}
     * @param shape  dimensions, each {@code >= 0}; {@code []} denotes a scalar
     * @param data   values (for an F64 tensor, its values rounded to float32); {@code data.length} equals the
     *               product of {@code shape}
     * @param data64 the float64 values of an F64 tensor, {@code null} for an F32 one
     */
    public record Tensor(String name, int[] shape, float[] data, double[] data64) {

        /** Validates that the shape is non-negative and matches the data length. */
        public Tensor {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(data, "data");
            for (int d : shape) {
                if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape) + " of tensor '" + name + "'");
            }
            long count = elementCount(shape);
            if (count != data.length || (data64 != null && count != data64.length)) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " needs " + count + " values but data has " + data.length);
            }
        }

        /** An F32 tensor. */
        public Tensor(String name, int[] shape, float[] data) {
            this(name, shape, data, null);
        }

        /** An F64 tensor (its float32 rounding computed here). */
        public static Tensor of64(String name, int[] shape, double[] data64) {
            float[] narrow = new float[data64.length];
            for (int i = 0; i < narrow.length; i++) {
                narrow[i] = (float) data64[i];
            }
            return new Tensor(name, shape, narrow, data64);
        }

        /** "F64" when the tensor has float64 values, else "F32". */
        public String dtype() {
            return data64 != null ? "F64" : "F32";
        }

        long bytes() {
            return (data64 != null ? 8L : 4L) * data.length;
        }

        /** Equality by name, shape contents and data contents (NaNs compare equal bitwise). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && name.equals(t.name)
                    && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data) && Arrays.equals(data64, t.data64);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, Arrays.hashCode(shape), Arrays.hashCode(data), Arrays.hashCode(data64));
        }

        @Override
        public String toString() {
            return "Tensor[" + name + ", " + dtype() + ", shape=" + Arrays.toString(shape) + "]";
        }
    }

    /**
     * The content of a safetensors file.
     *
     * @param tensors  tensors by name, in header order (list order for files written here)
     * @param metadata the {@code __metadata__} entries in header order; empty if absent
     */
    public record Loaded(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {}

    /**
     * Atomically writes tensors (F32, or F64 for those with float64 values) plus optional string metadata.
     *
     * @param file     target file; replaced if it exists, its directory must exist
     * @param tensors  tensors in the order they are laid out; names must be unique
     * @param metadata string metadata, written in iteration order (use a {@link LinkedHashMap}
     *                 or sorted map for deterministic bytes); {@code null} or empty for none
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if names are duplicated or reserved, or the header is too large
     */
    public static void write(Path file, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(length.array());
            out.write(header);
            for (Tensor t : tensors) {
                if (t.data64() != null) writeDoubles(out, t.data64());
                else writeFloats(out, t.data());
            }
        });
    }

    /**
     * {@code metadata} with a {@value #CHECKSUM} entry added last, for {@link #write} of the same tensors.
     *
     * @param tensors  the tensors, in the order they will be written
     * @param metadata string metadata (not containing {@value #CHECKSUM})
     * @return a new map: the metadata in order, then the checksum
     */
    public static Map<String, String> withChecksum(List<Tensor> tensors, Map<String, String> metadata) {
        MessageDigest md = sha256();
        metadata.forEach((k, v) -> md.update(("meta " + k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
        long offset = 0;
        for (Tensor t : tensors) {
            long end = offset + t.bytes();
            md.update(tensorLine(t.name(), t.dtype(), t.shape(), offset, end));
            offset = end;
        }
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            if (t.data64() != null) {
                double[] wide = t.data64();
                for (int i = 0; i < wide.length; i += CHUNK_BYTES / 8) {
                    int n = Math.min(CHUNK_BYTES / 8, wide.length - i);
                    buf.clear();
                    buf.asDoubleBuffer().put(wide, i, n);
                    md.update(buf.array(), 0, 8 * n);
                }
                continue;
            }
            float[] data = t.data();
            for (int i = 0; i < data.length; i += CHUNK_BYTES / 4) {
                int n = Math.min(CHUNK_BYTES / 4, data.length - i);
                buf.clear();
                buf.asFloatBuffer().put(data, i, n);
                md.update(buf.array(), 0, 4 * n);
            }
        }
        Map<String, String> out = new LinkedHashMap<>(metadata);
        if (out.put(CHECKSUM, "sha256:" + HexFormat.of().formatHex(md.digest())) != null) {
            throw new IllegalArgumentException("metadata already holds a " + CHECKSUM);
        }
        return out;
    }

    private static byte[] tensorLine(String name, String dtype, int[] shape, long begin, long end) {
        StringBuilder b = new StringBuilder("tensor ").append(name).append(' ').append(dtype).append(' ');
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ",").append(shape[i]);
        }
        return b.append(' ').append(begin).append(' ').append(end).append('\n').toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checksum of a file as read, compared with the one its metadata holds. */
    private static void verify(FileChannel ch, Path file, Map<String, String> metadata, List<Entry> entries,
                               long dataStart, long bufferLength) throws IOException {
        String expected = metadata.get(CHECKSUM);
        if (expected == null) {
            return;
        }
        MessageDigest md = sha256();
        metadata.forEach((k, v) -> {
            if (!k.equals(CHECKSUM)) {
                md.update(("meta " + k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
        for (Entry e : entries) {
            md.update(tensorLine(e.name, e.dtype.name(), e.shape, e.begin, e.end));
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(1, bufferLength)));
        for (long pos = 0; pos < bufferLength; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), bufferLength - pos));
            readFully(ch, buf, dataStart + pos, file);
            md.update(buf.array(), 0, buf.limit());
            pos += buf.limit();
        }
        String actual = "sha256:" + HexFormat.of().formatHex(md.digest());
        if (!actual.equals(expected)) {
            throw fail(file, "checksum mismatch: the file was damaged or edited since it was written; move it "
                    + "away and resume from the previous good checkpoint");
        }
    }

    /** Builds the space-padded JSON header with metadata first, then tensors in list order. */
    private static byte[] header(List<Tensor> tensors, Map<String, String> metadata) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(Objects.requireNonNull(k, "metadata key"), Objects.requireNonNull(v, "metadata value")));
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.name().equals(METADATA_KEY)) throw new IllegalArgumentException("tensor name '" + METADATA_KEY + "' is reserved");
            if (!names.add(t.name())) throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            long end = offset + t.bytes();
            ObjectNode info = root.putObject(t.name());
            info.put("dtype", t.dtype());
            ArrayNode shape = info.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(root);
        if (json.length > MAX_HEADER_BYTES) throw new IllegalArgumentException("header of " + json.length + " bytes exceeds the format's limit");
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeDoubles(OutputStream out, double[] data) throws IOException {
        int perChunk = Math.min(CHUNK_BYTES / 8, Math.max(1, data.length));
        ByteBuffer buf = ByteBuffer.allocate(8 * perChunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; i += perChunk) {
            int n = Math.min(perChunk, data.length - i);
            buf.clear();
            buf.asDoubleBuffer().put(data, i, n);
            out.write(buf.array(), 0, 8 * n);
        }
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        int perChunk = Math.min(CHUNK_BYTES / 4, Math.max(1, data.length));
        ByteBuffer buf = ByteBuffer.allocate(4 * perChunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < data.length; i += perChunk) {
            int n = Math.min(perChunk, data.length - i);
            buf.clear();
            buf.asFloatBuffer().put(data, i, n); // raw bits: NaN payloads are preserved
            out.write(buf.array(), 0, 4 * n);
        }
    }

    /**
     * Reads and validates a safetensors file.
     *
     * @param file the file to read
     * @return tensors (an F64 one with its float64 values and their float32 rounding) and metadata
     * @throws IOException if the file cannot be read, is malformed, or has an unsupported dtype
     */
    public static Loaded read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw fail(file, "file too short for a header length (" + size + " bytes)");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, file);
            long n = lenBuf.flip().getLong(); // unsigned: values >= 2^63 come out negative
            if (n < 0 || n > MAX_HEADER_BYTES) throw fail(file, "header length " + Long.toUnsignedString(n) + " exceeds the " + MAX_HEADER_BYTES + "-byte limit");
            if (n > size - 8) throw fail(file, "header length " + n + " exceeds the file size " + size);
            ByteBuffer headerBuf = ByteBuffer.allocate((int) n);
            readFully(ch, headerBuf, 8, file);
            JsonNode root = parseHeader(file, headerBuf.flip());

            long dataStart = 8 + n;
            long bufferLength = size - dataStart;
            Map<String, String> metadata = Map.of();
            List<Entry> entries = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : root.properties()) {
                if (field.getKey().equals(METADATA_KEY)) metadata = parseMetadata(file, field.getValue());
                else entries.add(parseEntry(file, field.getKey(), field.getValue()));
            }
            checkLayout(file, entries, bufferLength);
            verify(ch, file, metadata, entries, dataStart, bufferLength);

            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                if (e.dtype == Dtype.F64) {
                    double[] wide = readDoubles(ch, file, dataStart + e.begin, e.count);
                    tensors.put(e.name, Tensor.of64(e.name, e.shape, wide));
                } else {
                    float[] data = readData(ch, file, dataStart + e.begin, e.count, e.dtype);
                    tensors.put(e.name, new Tensor(e.name, e.shape, data));
                }
            }
            return new Loaded(tensors, metadata);
        }
    }

    /** A header entry; {@code count} is the element count implied by the shape. */
    private record Entry(String name, Dtype dtype, int[] shape, int count, long begin, long end) {}

    private enum Dtype {
        F32(4), F64(8);
        final int bytes;

        Dtype(int bytes) {
            this.bytes = bytes;
        }
    }

    private static JsonNode parseHeader(Path file, ByteBuffer bytes) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(bytes).toString(); // strict: reports malformed input
        } catch (CharacterCodingException e) {
            throw fail(file, "header is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw fail(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw fail(file, "header is not a JSON object");
        return root;
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws IOException {
        if (node.isNull()) return Map.of();
        if (!node.isObject()) throw fail(file, METADATA_KEY + " is not a JSON object");
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!f.getValue().isTextual()) throw fail(file, METADATA_KEY + " value for '" + f.getKey() + "' is not a string");
            meta.put(f.getKey(), f.getValue().textValue());
        }
        return Collections.unmodifiableMap(meta);
    }

    private static Entry parseEntry(Path file, String name, JsonNode info) throws IOException {
        String where = "tensor '" + name + "': ";
        if (!info.isObject()) throw fail(file, where + "entry is not a JSON object");
        JsonNode dtypeNode = info.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) throw fail(file, where + "missing or non-string dtype");
        Dtype dtype = switch (dtypeNode.textValue()) {
            case "F32" -> Dtype.F32;
            case "F64" -> Dtype.F64;
            default -> throw fail(file, where + "unsupported dtype " + dtypeNode.textValue() + " (only F32 and F64 are supported)");
        };
        JsonNode shapeNode = info.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) throw fail(file, where + "missing or non-array shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) throw fail(file, where + "invalid dimension " + d + " in shape");
            shape[i] = d.intValue();
        }
        long count = elementCount(shape);
        if (count > Integer.MAX_VALUE) throw fail(file, where + "shape " + shapeNode + " has more elements than a Java array can hold");
        JsonNode offs = info.get("data_offsets");
        if (offs == null || !offs.isArray() || offs.size() != 2 || !isNonNegativeLong(offs.get(0)) || !isNonNegativeLong(offs.get(1))) {
            throw fail(file, where + "data_offsets must be two non-negative integers");
        }
        long begin = offs.get(0).longValue(), end = offs.get(1).longValue();
        if (end < begin) throw fail(file, where + "data_offsets end " + end + " < begin " + begin);
        if (count * dtype.bytes != end - begin) {
            throw fail(file, where + "shape " + shapeNode + " of " + dtype + " needs " + count * dtype.bytes + " bytes but data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, (int) count, begin, end);
    }

    /**
     * Product of non-negative dimensions, saturated at {@code Integer.MAX_VALUE + 1} so that it
     * cannot overflow (a later zero dimension still yields 0).
     */
    private static long elementCount(int[] shape) {
        long count = 1;
        for (int d : shape) count = Math.min(count * d, Integer.MAX_VALUE + 1L);
        return count;
    }

    private static boolean isNonNegativeLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The tensors must tile the buffer exactly: contiguous from 0 to its end, no gaps or overlaps. */
    private static void checkLayout(Path file, List<Entry> entries, long bufferLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw fail(file, "tensor '" + e.name + "': data_offsets begin " + e.begin + " but expected " + expected + " (offsets must be contiguous)");
            }
            if (e.end > bufferLength) throw fail(file, "tensor '" + e.name + "': data_offsets end " + e.end + " beyond the " + bufferLength + "-byte data buffer");
            expected = e.end;
        }
        if (expected != bufferLength) throw fail(file, "data buffer has " + bufferLength + " bytes but tensors cover " + expected);
    }

    private static double[] readDoubles(FileChannel ch, Path file, long position, int count) throws IOException {
        double[] out = new double[count];
        int perChunk = CHUNK_BYTES / 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.max(1, Math.min(count, perChunk)) * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i += perChunk) {
            int n = Math.min(perChunk, count - i);
            buf.clear().limit(n * 8);
            readFully(ch, buf, position + (long) i * 8, file);
            buf.flip();
            buf.asDoubleBuffer().get(out, i, n);
        }
        return out;
    }

    private static float[] readData(FileChannel ch, Path file, long position, int count, Dtype dtype) throws IOException {
        float[] out = new float[count];
        int perChunk = CHUNK_BYTES / dtype.bytes;
        ByteBuffer buf = ByteBuffer.allocate(Math.min(count, perChunk) * dtype.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i += perChunk) {
            int n = Math.min(perChunk, count - i);
            buf.clear().limit(n * dtype.bytes);
            readFully(ch, buf, position + (long) i * dtype.bytes, file);
            buf.flip();
            if (dtype == Dtype.F32) {
                buf.asFloatBuffer().get(out, i, n);
            } else {
                for (int j = 0; j < n; j++) out[i + j] = (float) buf.getDouble();
            }
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file) throws IOException {
        while (dst.hasRemaining()) {
            int r = ch.read(dst, position);
            if (r < 0) throw new EOFException(file + ": unexpected end of file at byte " + position);
            position += r;
        }
    }

    /** A one-line error naming the file; line breaks (e.g. from parser messages) are flattened. */
    private static IOException fail(Path file, String problem) {
        return new IOException(file + ": " + problem.replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
