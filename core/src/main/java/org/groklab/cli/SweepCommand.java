package org.groklab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groklab.run.DirectoryLock;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.PopulationMode;
import org.groklab.sweep.SweepRunner;
import org.groklab.sweep.SweepSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Plan, run, resume and tabulate sweeps: many runs over a grid of settings and seeds.",
        subcommands = {SweepCommand.Plan.class, SweepCommand.Run.class, SweepCommand.Resume.class,
                SweepTableCommand.class, SweepExportCommand.class, SweepFiguresCommand.class})
final class SweepCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A sweep from a spec file or a shipped sweep preset: exactly one of them. */
    static final class Source {
        @CommandLine.Parameters(paramLabel = "SPEC", arity = "0..1", description = "the sweep spec (.yaml or .json)")
        Path file;

        @CommandLine.Option(names = "--preset", paramLabel = "NAME",
                description = "a shipped sweep preset instead of a file (see `groklab presets`)")
        String preset;

        SweepPlan plan() {
            check();
            return file != null ? SweepPlan.of(file) : SweepPlan.ofPreset(preset);
        }

        JsonNode tree() {
            check();
            return file != null ? SpecLoader.readFile(file, "SPEC") : SweepSpecs.presetTree(preset);
        }

        private void check() {
            if ((file == null) == (preset == null)) {
                throw new org.groklab.spec.SpecException("SPEC/--preset", "give a sweep spec file or --preset NAME");
            }
        }
    }

    static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Print the cells and the number of runs of a sweep spec, without running anything.")
    static final class Plan implements Callable<Integer> {
        @CommandLine.Mixin
        Source source = new Source();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SweepPlan plan = source.plan();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("sweep %s: %d cells x %d seeds = %d runs (plan %s)%n", plan.name(), plan.cells().size(),
                    plan.runs().size() / Math.max(1, plan.cells().size()), plan.runs().size(), plan.hash());
            for (SweepPlan.Cell c : plan.cells()) {
                long n = plan.runs().stream().filter(r -> r.cell() == c.index()).count();
                out.printf("  cell %3d  %s  (%d runs)%n", c.index(), c.label(), n);
            }
            printCoreHours(plan, out);
            return Main.OK;
        }
    }

    /** The updates of the plan and, when its kind has measured its speed, the core-hours they take at most. */
    static void printCoreHours(SweepPlan plan, PrintWriter out) {
        long steps = 0;
        double seconds = 0;
        for (SweepPlan.Run r : plan.runs()) {
            org.groklab.spec.RunSpec rs = r.spec().spec();
            steps += rs.train().steps();
            seconds += rs.train().steps() * org.groklab.kind.Kinds.of(rs).secondsPerStep(rs);
        }
        if (Double.isNaN(seconds)) {
            out.printf(java.util.Locale.ROOT, "at most %,d training updates in all%n", steps);
        } else {
            out.printf(java.util.Locale.ROOT, "at most %,d training updates in all: %,.1f core-hours at the kind's"
                    + " measured speed (runs that stop early take less)%n", steps, seconds / 3600);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run a sweep into DIR, one run per worker; an existing DIR of the same sweep is continued.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Source source = new Source();

        @CommandLine.Option(names = "--out", paramLabel = "DIR", required = true, description = "the sweep directory")
        Path out;

        @CommandLine.Option(names = "--workers", paramLabel = "N", description = "parallel runs (default: cores)")
        Integer workers;

        @CommandLine.Option(names = "--population", paramLabel = "MODE", defaultValue = "auto",
                description = POPULATION)
        String population;

        @CommandLine.Option(names = "--force", description = FORCE)
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            SweepPlan plan = source.plan();
            JsonNode tree = source.tree();
            int n = workers(workers); // before anything is written
            PopulationMode mode = PopulationMode.parse(population);
            checkMemory(plan, n, mode, force);
            try (DirectoryLock lock = SweepDirectory.lock(out, true, "--out")) {
                return execute(SweepDirectory.prepare(out, tree, plan), n, mode, spec.commandLine().getOut());
            }
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Continue an interrupted sweep: finished runs are kept, the others resume or restart.")
    static final class Resume implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "DIR", description = "the sweep directory")
        Path dir;

        @CommandLine.Option(names = "--workers", paramLabel = "N", description = "parallel runs (default: cores)")
        Integer workers;

        @CommandLine.Option(names = "--population", paramLabel = "MODE", defaultValue = "auto",
                description = POPULATION)
        String population;

        @CommandLine.Option(names = "--force", description = FORCE)
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            int n = workers(workers);
            PopulationMode mode = PopulationMode.parse(population);
            try (DirectoryLock lock = SweepDirectory.lock(dir, false, "DIR")) {
                SweepDirectory d = SweepDirectory.openLocked(dir);
                checkMemory(d.plan(), n, mode, force);
                return execute(d, n, mode, spec.commandLine().getOut());
            }
        }
    }

    static final String FORCE = "run even when the memory estimate of the largest run times the workers exceeds what "
            + "this JVM may use (-Xmx)";

    static final String POPULATION = "train the seeds of a cell together as one population: auto (where it was "
            + "measured faster for the model; default), off, on (wherever the model has one); same bytes either way";

    /**
     * Refuses a sweep whose largest run, times the runs held at once (a cell's seeds per worker with
     * {@code --population on}), would not fit in this JVM, unless forced.
     */
    static void checkMemory(SweepPlan plan, int workers, PopulationMode mode, boolean force) {
        int held = workers;
        if (mode == PopulationMode.ON) {
            java.util.Map<Integer, Integer> seeds = new java.util.HashMap<>();
            plan.runs().forEach(r -> seeds.merge(r.cell(), 1, Integer::sum));
            held = workers * seeds.values().stream().max(Integer::compare).orElse(1);
        }
        plan.memory(held).check(org.groklab.kind.ResourceEstimate.available(), force);
    }

    /** The number of workers: the default, or a given number from 1 to 1024. */
    static int workers(Integer workers) {
        int n = workers == null ? defaultWorkers() : workers;
        if (n < 1 || n > 1024) {
            throw new org.groklab.spec.SpecException("--workers", "must be from 1 to 1024, got " + n);
        }
        return n;
    }

    /** Runs a sweep whose directory the caller has locked. */
    static int execute(SweepDirectory dir, Integer workers, PrintWriter out) {
        return execute(dir, workers, PopulationMode.AUTO, out);
    }

    /** Runs a sweep whose directory the caller has locked, with cells trained together as {@code population} says. */
    static int execute(SweepDirectory dir, Integer workers, PopulationMode population, PrintWriter out) {
        int n = workers(workers);
        out.printf("sweep %s: %d runs in %s, %d workers%n", dir.plan().name(), dir.plan().runs().size(), dir.root(),
                n);
        SweepRunner.Status s = SweepRunner.run(dir, n, population, new SweepProgress(out));
        out.println("outcomes: " + s.outcomes());
        try (org.groklab.query.SweepDatabase db = org.groklab.query.SweepDatabase.openSweep(dir.root())) {
            SweepTableCommand.print(db, out, false);
        } catch (java.sql.SQLException e) {
            out.println("(no table: " + e.getMessage() + ")");
        }
        out.println("results: " + dir.root() + "  (groklab sweep table " + dir.root() + ")");
        return s.outcomes().containsKey("error") ? Main.FAILED : Main.OK;
    }
}
