"""groklab runs in Python: read a run or sweep directory or a folder of runs, and rebuild a run's model in PyTorch.

    import groklab
    run = groklab.load_run("runs/quick-modadd")
    run.metrics                     # metrics.csv (a pandas DataFrame when pandas is installed)
    net = groklab.model(run)        # torch.nn.Module with the last checkpoint's weights
    x, y = groklab.inputs(run, "test")
    groklab.accuracy(net(x), y)

numpy is required; pandas and PyTorch are used when installed (PyTorch only by model() and inputs()).
See docs/python.md.
"""
from . import forward
from .kinds import UnsupportedKindError, model_settings
from .losses import accuracy, loss, predictions
from .folder import RunFolder, load_runs
from .run import Run, load_run
from .safetensors import SafetensorsError, Tensors, read_safetensors
from .sweep import Sweep, load_sweep

__all__ = ["load_run", "load_sweep", "load_runs", "model", "inputs", "loss", "accuracy", "predictions", "read_safetensors",
           "Run", "RunFolder", "Sweep", "Tensors", "UnsupportedKindError", "SafetensorsError"]


def _torch():
    try:
        import torch
    except ImportError:
        raise ImportError("groklab.model and groklab.inputs need PyTorch (Debian: apt-get install python3-torch); "
                          "without it, Run.outputs and Run.evaluate compute with numpy") from None
    return torch


def _run(run):
    return run if isinstance(run, Run) else load_run(run)


def model(run, step=None, dtype=None):
    """The run's model as a torch.nn.Module (in eval mode) with the parameters of the checkpoint at ``step``
    (None: the last checkpoint). ``dtype``: torch.float32 or torch.float64; by default float32, or float64 when the
    checkpoint stores float64 tensors. Parameters carry the checkpoint's names (W1, E, H, ...)."""
    torch = _torch()
    from . import torch_models

    run = _run(run)
    module = torch_models.build(run.config)
    params = run.load_checkpoint(step).params()
    forward.check_parameters(model_settings(run.config), params)
    if dtype is None:
        dtype = torch.float64 if any(v.dtype.itemsize == 8 for v in params.values()) else torch.float32
    module.to(dtype)
    return torch_models.load(module, params).eval()


def inputs(run, which="train"):
    """(x, y) as torch tensors: the examples of ``which`` ("train", "test" or "all") as the run's model takes them
    (token pairs, int64 (examples, 2), for modular tasks; bits, float32 (examples, n), for parity) and their labels
    (int64; for "train" the labels trained on, label noise included)."""
    torch = _torch()
    x, y = _run(run).split.inputs(which)
    return torch.from_numpy(x.copy()), torch.from_numpy(y.copy())
