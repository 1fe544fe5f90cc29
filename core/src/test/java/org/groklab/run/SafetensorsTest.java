package org.groklab.run;

import org.groklab.io.AtomicFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.groklab.run.Safetensors.Loaded;
import org.groklab.run.Safetensors.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsTest {

    @TempDir
    Path dir;

    private static List<Tensor> sampleTensors() {
        float[] matrix = new float[3 * 4];
        for (int i = 0; i < matrix.length; i++) matrix[i] = (float) Math.sin(i) * 1e3f;
        return List.of(
                new Tensor("embed.weight", new int[] {3, 4}, matrix),
                new Tensor("scalar", new int[] {}, new float[] {42.5f}),
                new Tensor("empty", new int[] {2, 0, 5}, new float[0]),
                new Tensor("vec", new int[] {5}, new float[] {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY}));
    }

    private static Map<String, String> sampleMetadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("step", "1200");
        meta.put("note", "ünïcödé \"quoted\"");
        return meta;
    }

    // ---- round trip and determinism -------------------------------------------------------

    @Test
    void roundTripPreservesTensorsOrderAndMetadata() throws IOException {
        Path file = dir.resolve("model.safetensors");
        List<Tensor> tensors = sampleTensors();
        Safetensors.write(file, tensors, sampleMetadata());

        Loaded loaded = Safetensors.read(file);
        assertEquals(List.of("embed.weight", "scalar", "empty", "vec"), List.copyOf(loaded.tensors().keySet()));
        for (Tensor t : tensors) assertEquals(t, loaded.tensors().get(t.name()));
        assertEquals(sampleMetadata(), loaded.metadata());
        assertEquals(List.copyOf(sampleMetadata().keySet()), List.copyOf(loaded.metadata().keySet()));
    }

    @Test
    void emptyFileAndNoMetadataRoundTrip() throws IOException {
        Path file = dir.resolve("empty.safetensors");
        Safetensors.write(file, List.of(), null);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(16, bytes.length, "8-byte length + '{}' padded to 8");
        assertEquals("{}      ", new String(bytes, 8, 8, StandardCharsets.UTF_8));
        Loaded loaded = Safetensors.read(file);
        assertTrue(loaded.tensors().isEmpty());
        assertTrue(loaded.metadata().isEmpty());
    }

    @Test
    void outputIsByteDeterministicAndHeaderPadded() throws IOException {
        Path a = dir.resolve("a.safetensors");
        Path b = dir.resolve("b.safetensors");
        Safetensors.write(a, sampleTensors(), sampleMetadata());
        Safetensors.write(b, sampleTensors(), sampleMetadata());
        byte[] bytesA = Files.readAllBytes(a);
        assertArrayEquals(bytesA, Files.readAllBytes(b));

        long n = ByteBuffer.wrap(bytesA, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length must be a multiple of 8");
        String header = new String(bytesA, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\",\"step\":\"1200\""), header);
        assertTrue(header.indexOf("\"embed.weight\"") < header.indexOf("\"scalar\""), header);
    }

    @Test
    void writerMatchesHandEncodedSpecBytes() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, List.of(new Tensor("w", new int[] {2}, new float[] {1.0f, -2.5f})), Map.of("format", "pt"));
        String json = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] expected = spec(json, HexFormat.of().parseHex("0000803f000020c0"));
        assertArrayEquals(expected, Files.readAllBytes(file));
    }

    @Test
    void rewriteReplacesFileAtomicallyWithoutLeftovers() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Safetensors.write(file, sampleTensors(), Map.of());
        Safetensors.write(file, List.of(new Tensor("x", new int[] {1}, new float[] {7f})), Map.of());
        assertEquals(7f, Safetensors.read(file).tensors().get("x").data()[0]);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files may remain");
        }
    }

    @Test
    void failedAtomicWriteLeavesTargetUntouched() throws IOException {
        Path file = dir.resolve("notes.txt");
        AtomicFiles.writeString(file, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("simulated failure");
        }));
        assertEquals("old", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "temporary file must be cleaned up");
        }
    }

    @Test
    void writerRejectsDuplicateAndReservedNames() {
        Tensor t = new Tensor("a", new int[] {1}, new float[] {1});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("d"), List.of(t, t), null));
        Tensor reserved = new Tensor("__metadata__", new int[] {1}, new float[] {1});
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("r"), List.of(reserved), null));
        assertThrows(IllegalArgumentException.class, () -> new Tensor("bad", new int[] {2, 2}, new float[3]));
    }

    // ---- decoding hand-built files (independent of the writer) ----------------------------

    @Test
    void decodesHandBuiltF32File() throws IOException {
        // Header keys deliberately in non-offset order and with whitespace, as other writers may produce.
        String json = "{\"b\": {\"dtype\": \"F32\", \"shape\": [], \"data_offsets\": [8, 12]}, "
                + "\"a\": {\"dtype\": \"F32\", \"shape\": [1, 2], \"data_offsets\": [0, 8]}}";
        // a = [1.0, -2.5], b = 0.5 (little-endian IEEE 754 single precision)
        Path file = writeRaw("hand.safetensors", spec(json, HexFormat.of().parseHex("0000803f000020c00000003f")));
        Loaded loaded = Safetensors.read(file);
        assertEquals(List.of("b", "a"), List.copyOf(loaded.tensors().keySet()));
        assertArrayEquals(new int[] {1, 2}, loaded.tensors().get("a").shape());
        assertArrayEquals(new float[] {1.0f, -2.5f}, loaded.tensors().get("a").data());
        assertArrayEquals(new int[] {}, loaded.tensors().get("b").shape());
        assertArrayEquals(new float[] {0.5f}, loaded.tensors().get("b").data());
        assertTrue(loaded.metadata().isEmpty());
    }

    @Test
    void decodesF64AsFloat() throws IOException {
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        // 1.5 and -0.1 as little-endian doubles
        byte[] data = HexFormat.of().parseHex("000000000000f83f" + "9a9999999999b9bf");
        Loaded loaded = Safetensors.read(writeRaw("f64.safetensors", spec(json, data)));
        assertArrayEquals(new float[] {1.5f, -0.1f}, loaded.tensors().get("d").data());
        assertEquals(Map.of("k", "v"), loaded.metadata());
    }

    // ---- corrupt files --------------------------------------------------------------------

    static Stream<Arguments> corruptFiles() {
        byte[] eight = new byte[8];
        String ok = "\"dtype\":\"F32\",\"shape\":[2],";
        return Stream.of(
                Arguments.of("too short", new byte[] {1, 2, 3}, "too short"),
                Arguments.of("huge header length", le(200_000_000L), "limit"),
                Arguments.of("header length with top bit set", le(-1L), "limit"),
                Arguments.of("header beyond file", concat(le(64), "{}".getBytes(StandardCharsets.UTF_8)), "exceeds the file size"),
                Arguments.of("invalid json", spec("{\"a\":", new byte[0]), "not valid JSON"),
                Arguments.of("json array", spec("[1,2]", new byte[0]), "not a JSON object"),
                Arguments.of("invalid utf-8", concat(le(8), new byte[] {'{', '}', (byte) 0xff, ' ', ' ', ' ', ' ', ' '}), "UTF-8"),
                Arguments.of("duplicate key", spec("{\"a\":{" + ok + "\"data_offsets\":[0,8]},\"a\":{" + ok + "\"data_offsets\":[0,8]}}", eight), "not valid JSON"),
                Arguments.of("unsupported dtype", spec("{\"a\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]), "unsupported dtype BF16"),
                Arguments.of("missing dtype", spec("{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}", eight), "dtype"),
                Arguments.of("negative dimension", spec("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", eight), "invalid dimension"),
                Arguments.of("shape/size mismatch", spec("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight), "needs 12 bytes"),
                Arguments.of("bad offsets", spec("{\"a\":{" + ok + "\"data_offsets\":[0]}}", eight), "data_offsets"),
                Arguments.of("reversed offsets", spec("{\"a\":{" + ok + "\"data_offsets\":[8,0]}}", eight), "data_offsets"),
                Arguments.of("gap at start", spec("{\"a\":{" + ok + "\"data_offsets\":[4,12]}}", new byte[12]), "contiguous"),
                Arguments.of("overlap", spec("{\"a\":{" + ok + "\"data_offsets\":[0,8]},\"b\":{" + ok + "\"data_offsets\":[4,12]}}", new byte[12]), "contiguous"),
                Arguments.of("beyond buffer", spec("{\"a\":{" + ok + "\"data_offsets\":[0,8]}}", new byte[4]), "beyond"),
                Arguments.of("trailing bytes", spec("{\"a\":{" + ok + "\"data_offsets\":[0,8]}}", new byte[16]), "cover"),
                Arguments.of("metadata not strings", spec("{\"__metadata__\":{\"n\":1}}", new byte[0]), "not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void rejectsCorruptFiles(String description, byte[] bytes, String expectedMessagePart) throws IOException {
        Path file = writeRaw("corrupt.safetensors", bytes);
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(file));
        String message = e.getMessage();
        assertTrue(message.contains(file.toString()), "message must name the file: " + message);
        assertTrue(message.contains(expectedMessagePart), "message should mention '" + expectedMessagePart + "': " + message);
        assertFalse(message.contains("\n"), "message must be one line: " + message);
    }

    // ---- interoperability with numpy ------------------------------------------------------

    private static final String NUMPY_READER = """
            import json, sys
            import numpy as np
            raw = open(sys.argv[1], 'rb').read()
            n = int(np.frombuffer(raw[:8], dtype='<u8')[0])
            assert n % 8 == 0, n
            header = json.loads(raw[8:8 + n].decode('utf-8'))
            buf = raw[8 + n:]
            out = {'metadata': header.pop('__metadata__', {}), 'tensors': {}}
            for name, info in header.items():
                assert info['dtype'] == 'F32', info
                begin, end = info['data_offsets']
                arr = np.frombuffer(buf[begin:end], dtype='<f4').reshape(info['shape'])
                out['tensors'][name] = {'shape': list(arr.shape), 'values': arr.astype(np.float64).ravel().tolist()}
            json.dump(out, sys.stdout)
            """;

    @Test
    void numpyReadsOurFiles() throws Exception {
        String python = pythonWithNumpy();
        Assumptions.assumeTrue(python != null, "python3 with numpy not available");
        Path file = dir.resolve("np.safetensors");
        List<Tensor> tensors = sampleTensors();
        Safetensors.write(file, tensors, sampleMetadata());
        Path script = dir.resolve("reader.py");
        Files.writeString(script, NUMPY_READER);

        String stdout = run(python, script.toString(), file.toString());
        JsonNode out = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(stdout);

        assertEquals(sampleMetadata().size(), out.get("metadata").size());
        sampleMetadata().forEach((k, v) -> assertEquals(v, out.get("metadata").get(k).asText()));
        List<String> names = new ArrayList<>();
        out.get("tensors").fieldNames().forEachRemaining(names::add);
        assertEquals(tensors.stream().map(Tensor::name).toList(), names);
        for (Tensor t : tensors) {
            JsonNode node = out.get("tensors").get(t.name());
            int[] shape = new int[node.get("shape").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = node.get("shape").get(i).asInt();
            float[] values = new float[node.get("values").size()];
            for (int i = 0; i < values.length; i++) values[i] = (float) node.get("values").get(i).asDouble();
            assertArrayEquals(t.shape(), shape, t.name());
            assertArrayEquals(t.data(), values, t.name()); // bitwise, so -0.0 and NaN are checked too
        }
    }

    /** Prefers the system python (a pyenv shim may come first on PATH), then {@code python3}. */
    private static String pythonWithNumpy() {
        for (String candidate : new String[] {"/usr/bin/python3", "python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import numpy").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return candidate;
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed; try the next candidate
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // best effort diagnostics
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        errPump.join();
        assertEquals(0, p.exitValue(), "python failed: " + err.toString(StandardCharsets.UTF_8));
        return stdout;
    }

    // ---- helpers building files straight from the spec -------------------------------------

    /** 8-byte LE length, the JSON header space-padded to a multiple of 8, then the data. */
    private static byte[] spec(String json, byte[] data) {
        StringBuilder header = new StringBuilder(json);
        while (header.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) header.append(' ');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        return concat(le(headerBytes.length), headerBytes, data);
    }

    private static byte[] le(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private Path writeRaw(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
