"""A run directory, read back: config.json, split.json, metrics.csv, summary.json and checkpoints/."""
import json
import re
from pathlib import Path

from . import forward, losses
from .safetensors import read_safetensors
from .split import parse_split
from .tables import read_csv

CHECKPOINT = re.compile(r"step-(\d+)\.safetensors")


class Run:
    """One run directory.

    ``config``: config.json as a dict; ``summary``: summary.json as a dict, or None while the run is not complete;
    ``metrics``: metrics.csv as a table (pandas DataFrame, or a dict of numpy columns without pandas), re-read on
    every access so that a running run shows its newest rows; ``split``: split.json parsed by the task kind
    (see groklab.split); ``checkpoints``: step -> path of checkpoints/step-N.safetensors, in step order.
    """

    def __init__(self, path):
        self.path = Path(path)
        config = self.path / "config.json"
        if not config.is_file() or not (self.path / "metrics.csv").is_file():
            raise FileNotFoundError(f"{self.path} is not a groklab run directory (no config.json and metrics.csv)")
        self.config = json.loads(config.read_text(encoding="utf-8"))
        self._split = None

    def __repr__(self):
        return f"Run({str(self.path)!r}, run_id={self.run_id!r}, complete={self.complete})"

    @property
    def run_id(self):
        return self.config.get("run_id")

    @property
    def name(self):
        return self.config.get("name")

    @property
    def complete(self):
        """True once summary.json exists (the engine writes it last)."""
        return (self.path / "summary.json").is_file()

    @property
    def summary(self):
        f = self.path / "summary.json"
        return json.loads(f.read_text(encoding="utf-8")) if f.is_file() else None

    @property
    def metrics(self):
        return read_csv(self.path / "metrics.csv")

    @property
    def split(self):
        if self._split is None:
            doc = json.loads((self.path / "split.json").read_text(encoding="utf-8"))
            self._split = parse_split(doc, self.config)
        return self._split

    @property
    def checkpoints(self):
        found = {}
        folder = self.path / "checkpoints"
        if folder.is_dir():
            for f in folder.iterdir():
                m = CHECKPOINT.fullmatch(f.name)
                if m:
                    found[int(m.group(1))] = f
        return dict(sorted(found.items()))

    def checkpoint_path(self, step=None):
        """The file of the checkpoint at ``step`` (None: the last one)."""
        cps = self.checkpoints
        if not cps:
            raise FileNotFoundError(f"{self.path} has no checkpoints")
        if step is None:
            return cps[max(cps)]
        if int(step) not in cps:
            raise KeyError(f"{self.path} has no checkpoint at step {step} (steps: {', '.join(map(str, cps))})")
        return cps[int(step)]

    def load_checkpoint(self, step=None):
        """The checkpoint at ``step`` (None: the last one) as groklab.Tensors: name -> numpy array (parameters
        under their model names, optimizer state as optimizer.<kind>.<param>), with ``.metadata`` (step, run id,
        optimizer updates) and ``.params()`` (the parameters only)."""
        return read_safetensors(self.checkpoint_path(step))

    def outputs(self, step=None, which="train"):
        """The model's outputs at ``step`` on the examples of ``which``, computed with numpy (no PyTorch)."""
        x, _ = self.split.inputs(which)
        return forward.outputs(self.config, self.load_checkpoint(step).params(), x)

    def evaluate(self, step=None):
        """train/test loss and accuracy of the checkpoint at ``step`` as metrics.csv has them, recomputed with
        numpy from the checkpoint and split.json (train: on the labels trained on, noise included)."""
        params = self.load_checkpoint(step).params()
        result = {}
        for which in ("train", "test"):
            x, y = self.split.inputs(which)
            out = forward.outputs(self.config, params, x)
            result[f"{which}_loss"] = losses.loss(self.config, out, y)
            result[f"{which}_acc"] = losses.accuracy(out, y)
        return result


def load_run(path):
    """Opens a run directory (see Run)."""
    return Run(path)
