package org.groklab.spec;

import org.groklab.kinds.modular.model.GromovMlpSpec;
import org.groklab.kinds.modular.task.ModularTaskSpec;
import org.groklab.kinds.modular.task.Operation;
import org.groklab.kinds.modular.model.PairMlpSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Presets, --set overrides, config files, and one SpecException naming the field for each bad input. */
class SpecLoaderTest {

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- presets

    @Test
    void everyPresetLoadsAndValidates() {
        List<String> names = Presets.names();
        assertTrue(names.size() >= 5, "presets: " + names);
        assertTrue(names.contains("quick-modadd"), "quick-modadd among " + names);
        for (String name : names) {
            SpecLoader.Loaded l = SpecLoader.load(name, null, List.of());
            assertEquals(name, l.spec().name(), "preset " + name + " sets its own name");
            assertFalse(l.spec().source().isBlank(), "preset " + name + " cites a source");
        }
        assertEquals(names, Presets.all().stream().map(Presets.Preset::name).toList(), "all() in names() order");
    }

    @Test
    void defaultsAloneBindToTheDocumentedValues() {
        RunSpec s = SpecLoader.load(null, null, List.of()).spec();
        assertEquals(97, ((ModularTaskSpec) s.task()).p(), "task.p");
        assertEquals(Operation.ADD, ((ModularTaskSpec) s.task()).operation(), "task.operation");
        assertEquals(0.5, ((ModularTaskSpec) s.task()).trainFraction(), "task.train_fraction");
        assertEquals(List.of(0.9, 0.999), s.optimizer().betas(), "optimizer.betas");
        assertEquals(1e-8, s.optimizer().eps(), "optimizer.eps");
        assertEquals(10000, s.train().steps(), "train.steps");
    }

    // ---------------------------------------------------------------- overrides

    @Test
    void setOverridesNumbersListsBooleansAndWords() {
        RunSpec preset = SpecLoader.load("pair-modadd", null, List.of()).spec();
        RunSpec s = SpecLoader.load("pair-modadd", null, List.of(
                "model.width=64",
                "optimizer.lr=0.003",
                "optimizer.betas=[0.9,0.98]",
                "model.tied_embedding=false",
                "optimizer.grad_clip=1.5",
                "task.operation=mul",
                "seed=17",
                "train.steps=30")).spec();
        assertEquals(64, ((PairMlpSpec) s.model()).width(), "model.width");
        assertEquals(0.003, s.optimizer().lr(), "optimizer.lr");
        assertEquals(List.of(0.9, 0.98), s.optimizer().betas(), "optimizer.betas");
        assertFalse(((PairMlpSpec) s.model()).tiedEmbedding(), "model.tied_embedding");
        assertEquals(1.5, s.optimizer().gradClip(), "optimizer.grad_clip");
        assertEquals(Operation.MUL, ((ModularTaskSpec) s.task()).operation(), "task.operation");
        assertEquals(17, s.seed(), "seed");
        assertEquals(30, s.train().steps(), "train.steps");
        // untouched keys keep the preset's values
        assertEquals(((ModularTaskSpec) preset.task()).p(), ((ModularTaskSpec) s.task()).p(), "task.p from the preset");
        assertEquals(preset.optimizer().weightDecay(), s.optimizer().weightDecay(),
                "optimizer.weight_decay from the preset");
        assertEquals(((PairMlpSpec) preset.model()).dEmbed(), ((PairMlpSpec) s.model()).dEmbed(), "model.d_embed from the preset");
    }

    @Test
    void setAcceptsExponentNotationForNumbers() {
        // the CLI's own help gives "--set optimizer.lr=3e-3" as its example
        assertEquals(3e-3, SpecLoader.load("quick-modadd", null, List.of("optimizer.lr=3e-3")).spec().optimizer().lr(),
                "optimizer.lr=3e-3");
        assertEquals(1e-3, SpecLoader.load("quick-modadd", null, List.of("optimizer.lr=1.0e-3")).spec().optimizer()
                .lr(), "optimizer.lr=1.0e-3");
    }

    @Test
    void laterSetsWinOverEarlierOnes() {
        RunSpec s = SpecLoader.load("quick-modadd", null, List.of("model.width=8", "model.width=9")).spec();
        assertEquals(9, ((GromovMlpSpec) s.model()).width(), "model.width after two sets");
    }

    // ---------------------------------------------------------------- bad input names its field

    static Stream<Arguments> badSets() {
        return Stream.of(
                Arguments.of(List.of("foo=1"), "foo"),
                Arguments.of(List.of("model.foo=1"), "model.foo"),
                Arguments.of(List.of("model.width.x=1"), "model.width"),
                Arguments.of(List.of("model=3"), "model"),
                Arguments.of(List.of("model.width=abc"), "model.width"),
                Arguments.of(List.of("model.width=1.5"), "model.width"),
                Arguments.of(List.of("seed=[1]"), "seed"),
                Arguments.of(List.of("optimizer.betas=0.9"), "optimizer.betas"),
                Arguments.of(List.of("model.tied_embedding=maybe"), "model.tied_embedding"),
                Arguments.of(List.of("task.operation=div", "task.p=12"), "task.p"),
                Arguments.of(List.of("task.train_fraction=0"), "task.train_fraction"),
                Arguments.of(List.of("task.train_fraction=1"), "task.train_fraction"),
                Arguments.of(List.of("task.train_fraction=1.5"), "task.train_fraction"),
                Arguments.of(List.of("model.width=0"), "model.width"),
                Arguments.of(List.of("optimizer.lr=-0.001"), "optimizer.lr"),
                Arguments.of(List.of("task.pairs=symmetric", "task.operation=sub"), "task.pairs"),
                Arguments.of(List.of("task.operation=pow"), "task.operation"),
                Arguments.of(List.of("optimizer.betas=[0.9,1.0]"), "optimizer.betas"),
                Arguments.of(List.of("noequals"), "--set"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badSets")
    void badSetGivesASpecExceptionNamingTheField(List<String> sets, String field) {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load("quick-modadd", null, sets),
                "sets " + sets);
        assertEquals(field, e.field(), "field of: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), "message starts with the field: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void unknownPresetNamesThePresetOption() {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load("no-such-preset", null, List.of()));
        assertEquals("--preset", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("quick-modadd"), "lists the presets: " + e.getMessage());
    }

    @Test
    void unknownKeysInAConfigFileNameTheirPath() throws IOException {
        Path top = write("top.yaml", "name: x\nfoo: 1\n");
        assertEquals("foo", assertThrows(SpecException.class, () -> SpecLoader.load(null, top, List.of())).field());
        Path nested = write("nested.json", "{\"model\": {\"width\": 8, \"depth\": 3}}");
        assertEquals("model.depth", assertThrows(SpecException.class,
                () -> SpecLoader.load(null, nested, List.of())).field());
        Path wrongType = write("wrong.yaml", "model:\n  width: eight\n");
        assertEquals("model.width", assertThrows(SpecException.class,
                () -> SpecLoader.load(null, wrongType, List.of())).field());
    }

    // ---------------------------------------------------------------- config files

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void yamlConfigFileLoadsOverTheDefaults() throws IOException {
        Path f = write("run.yaml", """
                name: my-run
                task:
                  p: 23
                  operation: sub
                model:
                  type: pair-mlp
                  width: 12
                  d_embed: 8
                optimizer:
                  betas: [0.8, 0.9]
                train:
                  steps: 50
                """);
        RunSpec s = SpecLoader.load(null, f, List.of("model.width=13")).spec();
        assertEquals("my-run", s.name(), "name");
        assertEquals(23, ((ModularTaskSpec) s.task()).p(), "task.p");
        assertEquals(Operation.SUB, ((ModularTaskSpec) s.task()).operation(), "task.operation");
        assertEquals("pair-mlp", s.model().type(), "model.type");
        assertEquals(13, ((PairMlpSpec) s.model()).width(), "--set wins over the file");
        assertEquals(8, ((PairMlpSpec) s.model()).dEmbed(), "model.d_embed");
        assertEquals(List.of(0.8, 0.9), s.optimizer().betas(), "optimizer.betas");
        assertEquals(50, s.train().steps(), "train.steps");
        assertEquals(0.5, ((ModularTaskSpec) s.task()).trainFraction(), "default kept");
    }

    @Test
    void jsonConfigFileLoadsOverAPreset() throws IOException {
        Path f = write("run.json", """
                {"name": "json-run", "seed": 5, "task": {"train_fraction": 0.3},
                 "optimizer": {"type": "sgd", "momentum": 0.9, "nesterov": true}}
                """);
        RunSpec s = SpecLoader.load("quick-modadd", f, List.of()).spec();
        assertEquals("json-run", s.name(), "name");
        assertEquals(5, s.seed(), "seed");
        assertEquals(0.3, ((ModularTaskSpec) s.task()).trainFraction(), "task.train_fraction");
        assertEquals(RunSpec.OptimizerType.SGD, s.optimizer().type(), "optimizer.type");
        assertEquals(0.9, s.optimizer().momentum(), "optimizer.momentum");
        assertTrue(s.optimizer().nesterov(), "optimizer.nesterov");
        assertEquals(((ModularTaskSpec) SpecLoader.load("quick-modadd", null, List.of()).spec().task()).p(), ((ModularTaskSpec) s.task()).p(),
                "task.p from the preset");
    }

    @Test
    void syntaxErrorsInConfigFilesAreSpecExceptionsOnConfig() throws IOException {
        Path yaml = write("bad.yaml", "task:\n  p: [1, 2\n  operation: add\n");
        SpecException e1 = assertThrows(SpecException.class, () -> SpecLoader.load(null, yaml, List.of()));
        assertEquals("--config", e1.field(), e1.getMessage());
        Path json = write("bad.json", "{\"task\": {\"p\": 5,}");
        SpecException e2 = assertThrows(SpecException.class, () -> SpecLoader.load(null, json, List.of()));
        assertEquals("--config", e2.field(), e2.getMessage());
        assertFalse(e2.getMessage().contains("\n"), "one line: " + e2.getMessage());
        Path list = write("list.yaml", "- 1\n- 2\n");
        assertEquals("--config", assertThrows(SpecException.class,
                () -> SpecLoader.load(null, list, List.of())).field(), "a list is not a mapping");
        Path txt = write("run.txt", "name: x\n");
        assertEquals("--config", assertThrows(SpecException.class,
                () -> SpecLoader.load(null, txt, List.of())).field(), "unknown extension");
        Path missing = dir.resolve("missing.yaml");
        assertEquals("--config", assertThrows(SpecException.class,
                () -> SpecLoader.load(null, missing, List.of())).field(), "missing file");
    }

    @Test
    void bindRejectsAForeignTreeWithASpecException() {
        var tree = SpecLoader.JSON.createObjectNode().put("foo", 1);
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.bind(tree));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aResourceReadTwiceIsTheSameTreeAndEachCallerGetsItsOwnCopy() {
        var first = (com.fasterxml.jackson.databind.node.ObjectNode) SpecLoader.readResource("defaults.yaml");
        var pristine = first.deepCopy();
        first.put("seed", 12345);
        first.remove("train");
        var second = SpecLoader.readResource("defaults.yaml");
        assertEquals(pristine, second, "a caller's change is not seen by the next reader");
        assertFalse(first.equals(second));
        // binding a spec after a caller changed its copy of the defaults still gives the preset's spec
        SpecLoader.Loaded a = SpecLoader.load("quick-modadd", null, List.of());
        SpecLoader.defaults().removeAll();
        assertEquals(a.tree(), SpecLoader.load("quick-modadd", null, List.of()).tree());
    }
}
