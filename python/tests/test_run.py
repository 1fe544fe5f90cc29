"""load_run: config, split, metrics by column name, summary, checkpoints, and what is coming (fewer config keys,
new kinds, float64 checkpoints)."""
import json
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path
from unittest import mock

import numpy as np

from tests import fixtures
import groklab
from groklab import kinds, tables
from groklab.safetensors import SafetensorsError, read_safetensors


def write_safetensors(path, tensors, metadata=None, dtype_name=None):
    """A safetensors file of float32/float64 arrays (dtype from each array, or dtype_name for all)."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = dict(metadata)
    for name, a in tensors.items():
        a = np.ascontiguousarray(a)
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype_name or {4: "F32", 8: "F64"}[a.dtype.itemsize], "shape": list(a.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    Path(path).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))


class LoadRun(unittest.TestCase):

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp())

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_modular_split_holds_every_pair_with_its_label_and_the_noisy_labels(self):
        run = groklab.load_run(fixtures.run_dir("gromov-quadratic-1"))
        s = run.split
        p = run.config["task"]["p"]
        self.assertEqual(s.kind, "modular")
        self.assertEqual(len(s), p * p)
        np.testing.assert_array_equal(s.labels, (s.a + s.b) % p)
        np.testing.assert_array_equal(np.sort(np.concatenate([s.train, s.test])), np.arange(p * p))
        self.assertEqual(len(s.noisy_labels), round(0.1 * len(s.train)))
        x, y = s.inputs("train")
        self.assertEqual(x.shape, (len(s.train), 2))
        changed = y != s.labels[s.train]
        self.assertEqual(int(changed.sum()), len(s.noisy_labels))
        # the engine's train accuracy at step 0 counts the noisy labels: recomputing it checks them
        m = run.metrics
        self.assertEqual(run.evaluate(0)["train_acc"], m["train_acc"].iloc[0])

    def test_symmetric_split_and_other_operations(self):
        s = groklab.load_run(fixtures.run_dir("pair-tied")).split
        self.assertTrue(np.all(s.b >= s.a))
        self.assertEqual(len(s), 11 * 12 // 2)
        s = groklab.load_run(fixtures.run_dir("gromov-relu-1")).split
        np.testing.assert_array_equal(s.labels, (s.a - s.b) % 11)

    def test_parity_split_holds_bit_strings_their_inputs_and_labels(self):
        run = groklab.load_run(fixtures.run_dir("parity-thesis"))
        s = run.split
        t = run.config["task"]
        self.assertEqual((s.kind, s.bits_kind), ("parity", "pm1"))
        self.assertEqual(s.x.shape, (t["train_size"] + t["test_size"], t["n"]))
        self.assertEqual(s.x.dtype, np.float32)
        self.assertTrue(set(np.unique(s.x)) <= {-1.0, 1.0})
        np.testing.assert_array_equal(s.labels, (np.prod(s.x[:, :t["k"]], axis=1) > 0).astype(int))
        self.assertEqual(s.bits[0][0] == "+", s.x[0, 0] == 1.0)
        np.testing.assert_array_equal(s.train, np.arange(t["train_size"]))
        self.assertEqual(len(s.noisy_labels), round(0.1 * t["train_size"]))
        _, y = s.inputs("train")
        np.testing.assert_array_equal(y[s.noisy_labels[:, 0]], 1 - s.labels[s.noisy_labels[:, 0]])

        s = groklab.load_run(fixtures.run_dir("parity-pair")).split
        self.assertEqual(s.bits_kind, "01")
        self.assertTrue(set(np.unique(s.x)) <= {0.0, 1.0})
        np.testing.assert_array_equal(s.labels, (s.x[:, :3].sum(axis=1) % 2).astype(int))
        self.assertEqual(len(set(s.bits)), len(s.bits) - (100 - len(set(s.bits[:100]))))  # test = unseen inputs
        self.assertEqual(len(s.test), 2 ** 10 - len(set(s.bits[:100])))

    def test_metrics_are_read_by_column_name(self):
        run = groklab.load_run(fixtures.copy_run("parity-thesis", self.tmp))
        before = run.metrics
        lines = (run.path / "metrics.csv").read_text().splitlines()
        cells = [line.split(",") for line in lines]
        order = list(reversed(range(len(cells[0]))))
        (run.path / "metrics.csv").write_text("\n".join(",".join(c[i] for i in order) for c in cells) + "\n")
        after = run.metrics
        self.assertEqual(list(after.columns), list(reversed(list(before.columns))))
        for col in before.columns:
            np.testing.assert_array_equal(after[col].to_numpy(), before[col].to_numpy())
        self.assertIn("sn_W1", before.columns)
        self.assertEqual(before["step"].dtype, np.int64)
        # exact doubles: the value of the last row is the summary's
        self.assertEqual(before["test_loss"].iloc[-1], run.summary["final_metrics"]["test_loss"])

    def test_without_pandas_tables_are_dicts_of_numpy_columns(self):
        run = groklab.load_run(fixtures.run_dir("gromov-relu-1"))
        with_pandas = run.metrics
        with mock.patch.object(tables, "USE_PANDAS", False):
            plain = run.metrics
            sweep = groklab.load_sweep(fixtures.root() / "sweep")
            runs, plan = sweep.runs, sweep.plan
        self.assertIsInstance(plain, dict)
        self.assertEqual(list(plain), list(with_pandas.columns))
        for col in plain:
            self.assertIsInstance(plain[col], np.ndarray)
            np.testing.assert_array_equal(plain[col], with_pandas[col].to_numpy())
        self.assertEqual(len(runs["run_id"]), 4)
        self.assertEqual(list(plan["model.activation"]), list(sweep.plan["model.activation"]))

    def test_a_running_run_has_no_summary_and_its_torn_last_row_is_left_out(self):
        run = groklab.load_run(fixtures.copy_run("gromov-relu-1", self.tmp))
        rows = len(run.metrics)
        (run.path / "summary.json").unlink()
        with open(run.path / "metrics.csv", "a") as f:
            f.write(str(run.config["train"]["steps"] + 1) + ",0.003,0.1")
        self.assertIsNone(run.summary)
        self.assertFalse(run.complete)
        self.assertEqual(len(run.metrics), rows)

    def test_checkpoints_by_step_with_metadata_and_optimizer_state(self):
        run = groklab.load_run(fixtures.run_dir("pair-tied"))
        steps = list(run.checkpoints)
        self.assertEqual(steps, sorted(steps))
        self.assertEqual((steps[0], steps[-1]), (0, run.config["train"]["steps"]))
        ckpt = run.load_checkpoint(10)
        self.assertEqual(ckpt.metadata["step"], "10")
        self.assertEqual(ckpt.metadata["run_id"], run.run_id)
        self.assertEqual(set(ckpt.params()), {"E", "H", "O"})
        self.assertTrue(any(k.startswith("optimizer.") for k in ckpt))
        self.assertEqual(ckpt["E"].shape, (11, 8))
        self.assertEqual(ckpt["E"].dtype, np.float32)
        self.assertEqual(run.load_checkpoint().metadata["step"], str(run.config["train"]["steps"]))
        with self.assertRaisesRegex(KeyError, "no checkpoint at step 7 .steps: " + ", ".join(map(str, steps))):
            run.load_checkpoint(7)

    def test_safetensors_reader_accepts_f32_and_f64_and_names_other_dtypes(self):
        a = np.arange(6, dtype=np.float32).reshape(2, 3) / 7
        b = np.arange(4, dtype=np.float64) / 3
        write_safetensors(self.tmp / "x.safetensors", {"a": a, "b": b}, {"step": "3"})
        t = read_safetensors(self.tmp / "x.safetensors")
        self.assertEqual(list(t), ["a", "b"])
        self.assertEqual(t.metadata, {"step": "3"})
        np.testing.assert_array_equal(t["a"], a)
        np.testing.assert_array_equal(t["b"], b)
        self.assertEqual((t["a"].dtype, t["b"].dtype), (np.float32, np.float64))
        write_safetensors(self.tmp / "y.safetensors", {"a": a.astype(np.float16)}, dtype_name="F16")
        with self.assertRaisesRegex(SafetensorsError, "tensor 'a': unsupported dtype F16 .supported: F32, F64"):
            read_safetensors(self.tmp / "y.safetensors")
        (self.tmp / "z.safetensors").write_bytes(b"\x01\x00")
        with self.assertRaisesRegex(SafetensorsError, "too short"):
            read_safetensors(self.tmp / "z.safetensors")

    def test_a_config_with_only_the_keys_of_its_kind_gives_the_same_model(self):
        for name in ("pair-collapsed-hidden", "gromov-tanh-2", "parity-bias-and-one", "parity-pair"):
            run = groklab.load_run(fixtures.copy_run(name, self.tmp))
            full = run.evaluate()
            cfg = run.config
            t, m = cfg["task"]["type"], cfg["model"]["type"]
            # keep a key only where it differs from the engine's default: the rest must come from the defaults
            task = {k: v for k, v in cfg["task"].items()
                    if k == "type" or (k in kinds.TASK_DEFAULTS[t] and v != kinds.TASK_DEFAULTS[t][k])}
            model = {k: v for k, v in cfg["model"].items()
                     if k == "type" or (k in kinds.MODEL_DEFAULTS[m] and v != kinds.MODEL_DEFAULTS[m][k])}
            slim = {**cfg, "task": task, "model": model}
            (run.path / "config.json").write_text(json.dumps(slim))
            again = groklab.load_run(run.path)
            self.assertEqual(again.evaluate(), full, name)
            shutil.rmtree(run.path)

    def test_a_checkpoint_with_other_parameters_than_the_model_is_refused(self):
        run = groklab.load_run(fixtures.copy_run("parity-thesis", self.tmp))
        ckpt = run.load_checkpoint()
        extra = dict(ckpt, b2=np.zeros(1, dtype=np.float32))
        write_safetensors(run.checkpoint_path(), extra, ckpt.metadata)
        with self.assertRaisesRegex(ValueError, "parameters W1, b1, W2, .*b2 are not those of a parity-mlp"):
            run.evaluate()

    def test_the_package_defaults_are_the_engines(self):
        defaults = _engine_defaults(self)
        for kind, keys in kinds.TASK_DEFAULTS.items():
            for k, v in keys.items():
                self.assertEqual(v, defaults["task"][k], f"task {kind}: {k}")
        for kind, keys in kinds.MODEL_DEFAULTS.items():
            for k, v in keys.items():
                self.assertEqual(v, defaults["model"][k], f"model {kind}: {k}")
        self.assertEqual(kinds.LOSS_DEFAULTS, defaults["loss"])
        self.assertEqual(kinds.DEFAULT_TASK_TYPE, defaults["task"]["type"])
        self.assertEqual(kinds.DEFAULT_MODEL_TYPE, defaults["model"]["type"])

    def test_an_unknown_kind_is_a_clear_error_and_the_rest_of_the_run_still_loads(self):
        run = groklab.load_run(fixtures.copy_run("gromov-relu-1", self.tmp))
        cfg = json.loads((run.path / "config.json").read_text())
        cfg["model"]["type"] = "ctrnn"
        (run.path / "config.json").write_text(json.dumps(cfg))
        run = groklab.load_run(run.path)
        self.assertEqual(len(run.metrics), run.config["train"]["steps"] + 1)
        self.assertEqual(run.load_checkpoint(0).metadata["step"], "0")
        message = "model kind ctrnn is not supported by this version of the Python package"
        with self.assertRaisesRegex(groklab.UnsupportedKindError, message):
            run.evaluate()
        try:
            import torch  # noqa: F401
        except ImportError:
            return
        with self.assertRaisesRegex(groklab.UnsupportedKindError, message):
            groklab.model(run)
        cfg["model"]["type"] = "gromov-mlp"
        cfg["task"]["type"] = "set-mod3"
        (run.path / "config.json").write_text(json.dumps(cfg))
        with self.assertRaisesRegex(groklab.UnsupportedKindError,
                                    "task kind set-mod3 is not supported by this version of the Python package"):
            groklab.load_run(run.path).split

    def test_numpy_alone_is_enough_to_read_runs_and_recompute_their_metrics(self):
        code = textwrap.dedent(f"""
            import sys
            sys.modules["torch"] = None    # as if PyTorch and pandas were not installed
            sys.modules["pandas"] = None
            sys.path.insert(0, {str(fixtures.REPO / "python")!r})
            import groklab
            for name in ("parity-thesis", "pair-tied"):
                run = groklab.load_run({str(fixtures.root() / "runs")!r} + "/" + name)
                m = run.metrics
                assert isinstance(m, dict), type(m)
                last = int(m["step"][-1])
                got = run.evaluate(last)
                for k in ("train_acc", "test_acc"):
                    assert got[k] == m[k][-1], (name, k, got[k], m[k][-1])
                assert abs(got["test_loss"] - m["test_loss"][-1]) < 1e-5 * (1 + m["test_loss"][-1])
            sweep = groklab.load_sweep({str(fixtures.root() / "sweep")!r})
            assert isinstance(sweep.runs, dict) and len(sweep.runs["run_id"]) == 4
            try:
                groklab.model(run)
            except ImportError as e:
                print(e)
        """)
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("groklab.model and groklab.inputs need PyTorch", p.stdout)

    def test_a_directory_that_is_not_a_run_is_refused(self):
        with self.assertRaisesRegex(FileNotFoundError, "is not a groklab run directory"):
            groklab.load_run(self.tmp)
        with self.assertRaisesRegex(FileNotFoundError, "is not a groklab sweep directory"):
            groklab.load_sweep(self.tmp)


def _engine_defaults(test):
    f = fixtures.root() / "defaults.json"
    if f.is_file():
        return json.loads(f.read_text())
    try:
        import yaml
    except ImportError:
        fixtures.skip_or_fail(test, "no defaults.json from the engine and no PyYAML to read defaults.yaml")
    return yaml.safe_load((fixtures.REPO / "core/src/main/resources/defaults.yaml").read_text())


if __name__ == "__main__":
    unittest.main()
