package org.groklab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the fully resolved spec of a preset or config file plus overrides, as train would run it. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "Print the resolved spec (defaults of the run's kind, preset or file, overrides) as YAML, "
                + "with the run id it gets; trains nothing.")
final class SpecCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--preset", paramLabel = "NAME", description = "a preset (see `groklab presets`)")
    String preset;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", description = "a spec file, .yaml or .json")
    Path config;

    @CommandLine.Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key (repeatable)")
    List<String> sets = new ArrayList<>();

    @CommandLine.Option(names = "--json", description = "print JSON instead of YAML")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (preset == null && config == null && sets.isEmpty()) {
            throw new SpecException("--preset/--config", "give a preset (see `groklab presets`), a config file or "
                    + "--set keys");
        }
        SpecLoader.Loaded loaded = SpecLoader.load(preset, config, sets);
        var out = spec.commandLine().getOut();
        out.println("# run id " + RunDirectory.runId(loaded.tree()));
        out.print(json ? SpecLoader.JSON.writeValueAsString(loaded.tree()) + "\n"
                : SpecLoader.YAML.writeValueAsString(loaded.tree()).replaceFirst("^---\n", ""));
        out.flush();
        return Main.OK;
    }
}
