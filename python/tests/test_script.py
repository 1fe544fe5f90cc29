"""scripts/recompute_accuracy.py on every kind of run, parity included."""
import subprocess
import sys
import unittest

from tests import fixtures
import groklab

SCRIPT = fixtures.REPO / "scripts" / "recompute_accuracy.py"


def recompute(*args):
    p = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


class RecomputeAccuracyScript(unittest.TestCase):

    def test_prints_the_final_accuracies_of_modular_and_parity_runs(self):
        for name in ("parity-pair", "gromov-sin-2"):
            run = groklab.load_run(fixtures.run_dir(name))
            code, out, err = recompute(run.path)
            self.assertEqual(code, 0, err)
            last = out.strip().splitlines()[-1].split()
            final = run.summary["final_metrics"]
            self.assertEqual((last[0], last[2]), ("train_acc", "test_acc"))
            self.assertEqual(float(last[1]), final["train_acc"], name)
            self.assertEqual(float(last[3]), final["test_acc"], name)
            self.assertIn(f"checkpoint step {run.config['train']['steps']} of run {run.run_id}", out)

    def test_takes_a_step_or_a_checkpoint_file(self):
        run = groklab.load_run(fixtures.run_dir("parity-thesis"))
        m = run.metrics
        want = f"train_acc {m['train_acc'][m['step'] == 10].iloc[0]!r} test_acc {m['test_acc'][m['step'] == 10].iloc[0]!r}"
        for arg in ("10", run.checkpoints[10]):
            code, out, err = recompute(run.path, arg)
            self.assertEqual(code, 0, err)
            self.assertEqual(out.strip().splitlines()[-1], want)

    def test_bad_arguments_are_one_line_and_exit_2(self):
        run = groklab.load_run(fixtures.run_dir("parity-thesis"))
        code, _, err = recompute(run.path, "7")
        self.assertEqual(code, 2)
        self.assertIn("no checkpoint at step 7", err)
        self.assertEqual(len(err.strip().splitlines()), 1)
        code, _, err = recompute(run.path / "nothing")
        self.assertEqual(code, 2)
        self.assertIn("is not a groklab run directory", err)


if __name__ == "__main__":
    unittest.main()
