"""The engine's losses and accuracy, in numpy float64 over the model's outputs (float32 or float64).

Outputs are (examples x classes); a single output (parity) means the positive class when > 0. The arithmetic
follows the engine: differences and margins in the outputs' precision, sums in float64.
"""
import numpy as np

from .kinds import loss_settings


def _array(outputs):
    if hasattr(outputs, "detach"):  # a torch tensor
        outputs = outputs.detach().cpu().numpy()
    out = np.asarray(outputs)
    return out.reshape(len(out), -1)


def predictions(outputs):
    """The predicted class of every example: argmax (ties to the lowest class), or output > 0 for one output."""
    out = _array(outputs)
    if out.shape[1] == 1:
        return (out[:, 0] > 0).astype(np.int64)
    return np.argmax(out, axis=1)


def accuracy(outputs, labels):
    """Fraction of examples whose prediction is the label."""
    labels = np.asarray(labels)
    return float(np.mean(predictions(outputs) == labels)) if len(labels) else float("nan")


def loss(run, outputs, labels):
    """The run's training loss (config.json's loss section) of the outputs against integer labels; ``run`` is a
    Run or its config dict."""
    spec = loss_settings(getattr(run, "config", run))
    out = _array(outputs)
    labels = np.asarray(labels, dtype=np.int64)
    n, classes = out.shape
    if n == 0:
        return float("nan")
    divisor = n if spec["reduction"] == "examples" else n * classes
    rows = np.arange(n)
    if spec["type"] == "cross_entropy":
        if classes == 1:
            z = out[:, 0].astype(np.float64)
            return float(np.sum(np.maximum(z, 0) - labels * z + np.log1p(np.exp(-np.abs(z)))) / n)
        top = out.max(axis=1, keepdims=True)
        shifted = (out - top).astype(np.float64)
        total = np.sum(top[:, 0].astype(np.float64) + np.log(np.sum(np.exp(shifted), axis=1))
                       - out[rows, labels].astype(np.float64))
        return float(total / divisor)
    if spec["type"] == "mse":
        if classes == 1:
            target = np.where(labels == 1, 1, -1).astype(out.dtype)[:, None]
        else:
            target = np.zeros_like(out)
            target[rows, labels] = 1
        diff = (out - target).astype(np.float64)
        return float(np.sum(diff * diff) / divisor)
    # hinge
    if classes == 1:
        y = np.where(labels == 1, 1, -1).astype(out.dtype)
        margin = out.dtype.type(1) - y * out[:, 0]
        return float(np.sum(np.maximum(margin, 0).astype(np.float64)) / n)
    others = out.copy()
    others[rows, labels] = -np.inf
    rival = np.argmax(others, axis=1)
    margin = out.dtype.type(1) + out[rows, rival] - out[rows, labels]
    return float(np.sum(np.maximum(margin, 0).astype(np.float64)) / n)
