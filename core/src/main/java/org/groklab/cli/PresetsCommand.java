package org.groklab.cli;

import java.util.concurrent.Callable;
import org.groklab.spec.Presets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the presets, each with what it reproduces.")
final class PresetsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Presets.Preset p : Presets.all()) {
            spec.commandLine().getOut().printf("%-20s %s%n", p.name(), p.source());
        }
        return Main.OK;
    }
}
