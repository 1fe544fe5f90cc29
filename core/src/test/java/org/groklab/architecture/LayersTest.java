package org.groklab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's shape, kept true: packages form a pipeline whose imports point one way (spec, data, model and
 * kernels, loss and optimizer, training, run directory, figures, sweeps, query, kinds of experiment, command line),
 * with no cycles; figures draw data records and run no analysis, sweep or query code; and no code outside the
 * kind packages tells kinds apart by name or class.
 */
class LayersTest {
    /** Bottom to top: a package may use only its own layer and the layers before it. */
    static final List<String> LAYERS = List.of(
            "org.groklab.math..", "org.groklab.io..", "org.groklab.measure..", "org.groklab.spec..",
            "org.groklab.data..", "org.groklab.model..", "org.groklab.loss..", "org.groklab.optim..",
            "org.groklab.train..", "org.groklab.kind", "org.groklab.run..", "org.groklab.figures..",
            "org.groklab.render..", "org.groklab.sweep..", "org.groklab.query..", "org.groklab.kinds..",
            "org.groklab.web..", "org.groklab.cli..");

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.groklab");

    @Test
    void everyPackageBelongsToALayer() {
        List<String> orphans = new ArrayList<>();
        for (JavaClass c : CLASSES) {
            if (c.getPackageName().startsWith("org.groklab.") && LAYERS.stream().noneMatch(l -> inLayer(c, l))) {
                orphans.add(c.getName());
            }
        }
        assertEquals(List.of(), orphans, "classes outside every layer of LAYERS");
    }

    @Test
    void importsPointDownThePipeline() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new);
            noClasses().that().resideInAPackage(LAYERS.get(i))
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " comes before " + Arrays.toString(above) + " in the pipeline")
                    .allowEmptyShould(true) // a layer may have no classes yet
                    .check(CLASSES);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.groklab.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void figuresDrawDataRecordsOnly() {
        noClasses().that().resideInAPackage("org.groklab.figures..")
                .should().dependOnClassesThat().resideInAnyPackage("org.groklab.sweep..", "org.groklab.query..",
                        "org.groklab.kinds..", "org.groklab.render..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.groklab.figures..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "run-directory code other than its data records (MetricsTable, Summary)",
                        c -> c.getPackageName().equals("org.groklab.run")
                                && !c.getSimpleName().startsWith("MetricsTable") && !c.getSimpleName().equals("Summary")))
                .check(CLASSES);
    }

    @Test
    void aKindsFiguresDrawItsAnalysesRecordsAndComputeNothingFromModels() {
        noClasses().that().resideInAPackage("org.groklab.kinds..figures..")
                .should().dependOnClassesThat().resideInAnyPackage("org.groklab.model..", "org.groklab.loss..",
                        "org.groklab.optim..")
                .check(CLASSES);
    }

    @Test
    void trainingDoesNotDraw() {
        noClasses().that().resideInAnyPackage("org.groklab.train..", "org.groklab.run..")
                .should().dependOnClassesThat().resideInAnyPackage("org.knowm.xchart..", "java.awt..")
                .check(CLASSES);
    }

    /** Tests of a kind by its name or by its classes, anywhere but in the kind packages. */
    @Test
    void onlyTheKindPackagesNameTheirKinds() throws IOException {
        Path main = Path.of("src/main/java/org/groklab");
        String kinds = "\"(modular|parity|pair-mlp|gromov-mlp|parity-mlp)\"";
        Pattern byName = Pattern.compile("(equals(IgnoreCase)?\\(|case\\s+|contains\\(|==\\s*)" + kinds + "|" + kinds
                + "\\s*(\\.equals|->|:)");
        Pattern byClass = Pattern.compile("instanceof\\s+\\w*(Mlp|TaskSpec|MlpSpec|Parity\\w*|Modular\\w*)\\b");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (main.relativize(f).startsWith("kinds")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher a = byName.matcher(lines.get(i));
                    Matcher b = byClass.matcher(lines.get(i));
                    if (a.find() || b.find()) {
                        found.add(main.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "kinds told apart outside org.groklab.kinds");
    }

    private static boolean inLayer(JavaClass c, String layer) {
        String pkg = c.getPackageName();
        return layer.endsWith("..") ? pkg.equals(layer.substring(0, layer.length() - 2))
                || pkg.startsWith(layer.substring(0, layer.length() - 2) + ".") : pkg.equals(layer);
    }
}
