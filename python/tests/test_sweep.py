"""load_sweep: the plan, one row per finished run with its outcome, events, final metrics and swept fields."""
import json
import shutil
import tempfile
import unittest
from pathlib import Path

import numpy as np

from tests import fixtures
import groklab


class LoadSweep(unittest.TestCase):

    def test_plan_and_runs_agree_with_the_files(self):
        sweep = groklab.load_sweep(fixtures.root() / "sweep")
        self.assertEqual(sweep.name, "python-package-test")
        self.assertEqual(sweep.fields, ["optimizer.weight_decay", "model.activation"])
        plan = sweep.plan
        self.assertEqual(len(plan), 4)
        self.assertEqual(sorted(set(plan["model.activation"])), ["quadratic", "relu"])
        self.assertEqual(sorted(set(plan["optimizer.weight_decay"])), [0.1, 1.0])
        runs = sweep.runs
        self.assertEqual(list(runs.columns[:10]), ["run_id", "cell", "seed", "outcome", "memorization_step",
                                                   "generalization_step", "grok_delay", "steps", "steps_done",
                                                   "diverged_at"])
        self.assertEqual(len(runs), 4)
        for _, row in runs.iterrows():
            run = sweep.run(row["run_id"])
            summary = run.summary
            self.assertEqual(row["outcome"], summary["outcome"])
            self.assertEqual(row["steps_done"], summary["steps_done"])
            for k, v in summary["final_metrics"].items():
                self.assertEqual(row[f"final_{k}"], v)
            if summary["memorization_step"] is None:
                self.assertTrue(np.isnan(row["memorization_step"]))
            else:
                self.assertEqual(row["memorization_step"], summary["memorization_step"])
            self.assertEqual(row["model.activation"], run.config["model"]["activation"])
            self.assertEqual(row["optimizer.weight_decay"], run.config["optimizer"]["weight_decay"])
            m = run.metrics
            self.assertEqual(m["test_acc"].iloc[-1], row["final_test_acc"])
        self.assertEqual(len(sweep.errors), 0)

    def test_unfinished_runs_are_in_the_plan_only(self):
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(shutil.copytree(fixtures.root() / "sweep", Path(tmp) / "sweep"))
            sweep = groklab.load_sweep(copy)
            first = sweep.plan["run_id"].iloc[0]
            (copy / "runs" / first / "summary.json").unlink()
            (copy / "errors.csv").write_text(f'run_id,error\n{first},"java.lang.IllegalStateException: a, b"\n')
            self.assertEqual(len(sweep.runs), 3)
            self.assertNotIn(first, set(sweep.runs["run_id"]))
            self.assertEqual(sweep.errors["error"].iloc[0], "java.lang.IllegalStateException: a, b")
            with self.assertRaisesRegex(KeyError, "has no run nope"):
                sweep.run("nope")


if __name__ == "__main__":
    unittest.main()
