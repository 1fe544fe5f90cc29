"""load_runs: a folder of run directories read as a collection, its differing keys as swept fields."""
import shutil
import tempfile
import unittest
from pathlib import Path

from tests import fixtures
import groklab


class LoadRuns(unittest.TestCase):

    def test_a_folder_of_a_sweeps_runs_reads_as_the_sweep(self):
        sweep = groklab.load_sweep(fixtures.root() / "sweep")
        with tempfile.TemporaryDirectory() as tmp:
            folder_dir = Path(tmp) / "runs"
            shutil.copytree(fixtures.root() / "sweep" / "runs", folder_dir)
            (folder_dir / "notes").mkdir()  # not a run directory: left out
            folder = groklab.load_runs(folder_dir)
            self.assertEqual(sorted(folder.fields), sorted(sweep.fields))
            runs = folder.runs
            self.assertEqual(len(runs), len(sweep.runs))
            by_id = {r["run_id"]: r for _, r in sweep.runs.iterrows()}
            cells = {}
            for _, row in runs.iterrows():
                expected = by_id[row["run_id"]]
                self.assertEqual(row["dir"], row["run_id"])
                self.assertEqual(row["outcome"], expected["outcome"])
                self.assertEqual(row["final_test_acc"], expected["final_test_acc"])
                for f in sweep.fields:
                    self.assertEqual(row[f], expected[f])
                # runs of one sweep cell share one folder cell, and no other
                cells.setdefault(expected["cell"], set()).add(row["cell"])
            self.assertTrue(all(len(c) == 1 for c in cells.values()))
            self.assertEqual(len({next(iter(c)) for c in cells.values()}), len(cells))
            first = runs["run_id"].iloc[0]
            self.assertEqual(folder.run(first).run_id, first)
            with self.assertRaisesRegex(KeyError, "has no run nope"):
                folder.run("nope")

    def test_a_folder_without_runs_is_an_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaisesRegex(FileNotFoundError, "holds no run directories"):
                groklab.load_runs(tmp)


if __name__ == "__main__":
    unittest.main()
