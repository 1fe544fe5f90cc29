package org.groklab.cli;

import java.util.concurrent.Callable;
import org.groklab.spec.Presets;
import org.groklab.sweep.SweepSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the presets, each with what it reproduces.")
final class PresetsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("runs (groklab train --preset NAME):");
        for (Presets.Preset p : Presets.all()) {
            out.printf("  %-20s %s%n", p.name(), p.source());
        }
        out.println("sweeps (groklab sweep run --preset NAME --out DIR):");
        for (String name : SweepSpecs.presetNames()) {
            out.printf("  %-20s %s%n", name, SweepSpecs.presetTree(name).path("source").asText(""));
        }
        return Main.OK;
    }
}
