"""Every model kind and variant, in PyTorch and in numpy, against the engine's metrics.csv.

For every checkpoint of every fixture run (all steps are evaluated, so each checkpoint has its metrics row) the
outputs are recomputed three ways on the train and the test examples: numpy float32 (the package's forward pass),
the torch module of groklab.model in float32, and numpy float64 (the reference); a run whose checkpoints hold
float64 tensors (model.precision float64 or pair) gives float64 for the first two. Both results must lie
within 2^-18 of the largest reference output of the batch (32 float32 roundings of it); the losses
and accuracies they give must equal metrics.csv up to what such output differences can change: the loss by at
most classes * (2 (max|output| + 1) tol + tol^2), the accuracy only on examples whose two best classes are within
2 tol of each other.
"""
import unittest

import numpy as np

from tests import fixtures
import groklab
from groklab import forward, losses

try:
    import torch
except ImportError:  # pragma: no cover
    torch = None

RELATIVE = 2.0 ** -18


def near_ties(ref, tol):
    """Examples whose predicted class could change with output errors up to tol."""
    if ref.shape[1] == 1:
        return int(np.sum(np.abs(ref[:, 0]) <= 2 * tol))
    top2 = np.sort(ref, axis=1)[:, -2:]
    return int(np.sum(top2[:, 1] - top2[:, 0] <= 2 * tol))


class ModelsAgreeWithTheEngine(unittest.TestCase):

    def setUp(self):
        if torch is None:
            fixtures.skip_or_fail(self, "PyTorch is not installed")

    def check(self, run, step, row, which, out, ref, label):
        x, y = run.split.inputs(which)
        scale = float(np.max(np.abs(ref))) if ref.size else 0.0
        tol = max(RELATIVE * scale, 1e-30)
        err = float(np.max(np.abs(out.astype(np.float64) - ref))) if ref.size else 0.0
        where = f"{run.path.name} step {step} {which} ({label})"
        self.assertLessEqual(err, tol, f"{where}: outputs differ from the float64 reference by {err} > {tol}")
        classes = ref.shape[1]
        loss_tol = classes * (2 * (scale + 1) * tol + tol * tol)
        got = losses.loss(run.config, out, y)
        want = row[f"{which}_loss"]
        self.assertLessEqual(abs(got - want), loss_tol, f"{where}: loss {got} vs metrics.csv {want}")
        n = len(y)
        wrong = abs(round(losses.accuracy(out, y) * n) - round(row[f"{which}_acc"] * n))
        self.assertLessEqual(wrong, near_ties(ref, tol),
                             f"{where}: accuracy {losses.accuracy(out, y)} vs metrics.csv {row[f'{which}_acc']}")
        return err / tol

    def test_every_checkpoint_of_every_kind_gives_the_metrics_of_metrics_csv(self):
        worst = 0.0
        kinds = set()
        for name in fixtures.RUN_NAMES:
            run = groklab.load_run(fixtures.run_dir(name))
            m = run.metrics
            steps = [s for s in run.checkpoints if s in set(m["step"].tolist())]
            self.assertIn(run.config["train"]["steps"], steps, name)
            self.assertGreaterEqual(len(steps), 3, name)
            for step in steps:
                with self.subTest(run=name, step=step):
                    row = m[m["step"] == step].iloc[0]
                    ckpt = run.load_checkpoint(step)
                    params = ckpt.params()
                    params64 = {k: v.astype(np.float64) for k, v in params.items()}
                    net = groklab.model(run, step)
                    # runs in float64 or PAIR's precision hold F64 tensors: their model and outputs are float64
                    wide = any(v.dtype == np.float64 for v in params.values())
                    self.assertEqual(next(net.parameters()).dtype, torch.float64 if wide else torch.float32)
                    kinds.add((run.config["model"]["type"], net.__class__.__name__))
                    for which in ("train", "test"):
                        x, _ = run.split.inputs(which)
                        ref = forward.outputs(run.config, params64, x)
                        mine = forward.outputs(run.config, params, x)
                        self.assertEqual(mine.dtype, np.float64 if wide else np.float32)
                        tx, ty = groklab.inputs(run, which)
                        with torch.no_grad():
                            out = net(tx).numpy()
                        self.assertEqual(out.shape, ref.shape)
                        worst = max(worst, self.check(run, step, row, which, mine, ref, "numpy"),
                                    self.check(run, step, row, which, out, ref, "torch"))
        self.assertEqual({k for k, _ in kinds}, {"pair-mlp", "gromov-mlp", "parity-mlp"})
        print(f"\n  worst output difference: {worst:.3f} of the tolerance")

    def test_the_last_checkpoint_is_not_the_initial_one(self):
        # guards the comparison above against runs that did not train
        for name in fixtures.RUN_NAMES:
            run = groklab.load_run(fixtures.run_dir(name))
            first, last = run.load_checkpoint(0).params(), run.load_checkpoint().params()
            self.assertTrue(any(not np.array_equal(first[k], last[k]) for k in first), name)

    def test_hidden_activations_lead_to_the_outputs(self):
        for name in fixtures.RUN_NAMES:
            run = groklab.load_run(fixtures.run_dir(name))
            net = groklab.model(run)
            x, _ = groklab.inputs(run, "test")
            with torch.no_grad():
                h = net.hidden(x)
                out = net(x)
                kind = run.config["model"]["type"]
                if kind == "pair-mlp":
                    self.assertEqual(set(h), {"pre", "h"})
                    again = h["h"] @ net.output_map()
                elif kind == "gromov-mlp":
                    layers = run.config["model"]["layers"]
                    self.assertEqual(set(h), {"pre1", "h1"} | ({"pre2", "h2"} if layers == 2 else set()))
                    again = h["h2" if layers == 2 else "h1"] @ net.W2.t() * (torch.tensor(1.0) / run.config["task"]["p"])
                else:
                    self.assertEqual(set(h), {"pre1", "h1"})
                    again = h["h1"] @ net.W2.t()
            np.testing.assert_allclose(again.numpy(), out.numpy(), rtol=1e-5, atol=1e-6 * float(out.abs().max()),
                                       err_msg=name)

    def test_a_float64_checkpoint_gives_a_float64_model(self):
        import tempfile
        from tests.test_run import write_safetensors
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("gromov-sin-2", "pair-untied", "parity-pair"):
                run = groklab.load_run(fixtures.copy_run(name, tmp))
                step = max(run.checkpoints)
                ckpt = run.load_checkpoint(step)
                write_safetensors(run.checkpoint_path(step), {k: v.astype(np.float64) for k, v in ckpt.items()},
                                  ckpt.metadata)
                again = run.load_checkpoint(step)
                self.assertEqual(again.metadata, ckpt.metadata)
                for k, v in ckpt.items():
                    self.assertEqual(again[k].dtype, np.float64)
                    np.testing.assert_array_equal(again[k], v.astype(np.float64))
                net = groklab.model(run, step)
                self.assertEqual(next(net.parameters()).dtype, torch.float64)
                x, _ = groklab.inputs(run, "test")
                ref = forward.outputs(run.config, again.params(), x.numpy())
                with torch.no_grad():
                    out = net(x).numpy()
                self.assertEqual(out.dtype, np.float64)
                np.testing.assert_allclose(out, ref, rtol=1e-12, atol=1e-12 * float(np.max(np.abs(ref))),
                                           err_msg=name)
                net32 = groklab.model(run, step, dtype=torch.float32)
                self.assertEqual(next(net32.parameters()).dtype, torch.float32)


if __name__ == "__main__":
    unittest.main()
