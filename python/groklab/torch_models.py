"""The engine's models as torch.nn.Module, with parameters under their checkpoint names.

Inputs are what groklab.inputs gives: token pairs (a LongTensor of shape (examples, 2)) for the modular models,
bit features (examples, n) for parity-mlp. Every module returns (examples, outputs) and has ``hidden(x)``, the named
hidden activations the engine's analyses use. The scalings are the engine's: 1/sqrt(width) and 1/p of gromov-mlp are
multiplied in the parameters' precision, as the engine does, so the element-wise steps agree to the bit and the
matrix products to float32 rounding.
"""
import math

import torch
from torch import nn

from .kinds import model_settings, task_settings


def _param(shape):
    return nn.Parameter(torch.zeros(*shape, dtype=torch.float32))


class PairMlp(nn.Module):
    """PAIR's one-layer MLP (shared embedding E, hidden map H, output map O, unembedding U or E):
    logits = relu(W_in[a] + W_in[b]) W_out with W_in = E H and W_out = O U^T. ``collapsed_hidden`` trains W_in
    directly, ``collapsed_output`` trains W_out directly, ``tied_embedding`` False unembeds with its own U."""

    def __init__(self, p, d_embed, width, tied_embedding=True, collapsed_hidden=False, collapsed_output=False):
        super().__init__()
        self.p, self.width, self.outputs = p, width, p
        self.collapsed_hidden, self.collapsed_output = collapsed_hidden, collapsed_output
        if collapsed_hidden:
            self.W_in = _param((p, width))
        else:
            self.E = _param((p, d_embed))
            self.H = _param((d_embed, width))
        if collapsed_output:
            self.W_out = _param((width, p))
        else:
            self.O = _param((width, d_embed))
            if not tied_embedding or collapsed_hidden:
                if tied_embedding:
                    raise ValueError("a tied unembedding needs the embedding E, which a collapsed hidden layer "
                                     "removes")
                self.U = _param((p, d_embed))

    def input_map(self):
        """W_in = E H (p x width)."""
        return self.W_in if self.collapsed_hidden else self.E @ self.H

    def output_map(self):
        """W_out = O U^T (width x p), U = E when tied."""
        if self.collapsed_output:
            return self.W_out
        return self.O @ (self.U if hasattr(self, "U") else self.E).T

    def hidden(self, tokens):
        pre = self.input_map()[tokens[:, 0]] + self.input_map()[tokens[:, 1]]
        return {"pre": pre, "h": torch.relu(pre)}

    def forward(self, tokens):
        w_in = self.input_map()
        return torch.relu(w_in[tokens[:, 0]] + w_in[tokens[:, 1]]) @ self.output_map()


ACTIVATIONS = {
    "quadratic": lambda z: z * z,
    "relu": torch.relu,
    "sin": torch.sin,
    "tanh": torch.tanh,
    "identity": lambda z: z,
}


class GromovMlp(nn.Module):
    """Gromov's MLP from Liu's essay: z = phi(W1 [onehot(a), onehot(b)] / sqrt(width)), with ``layers`` 2 also
    z = phi(W_mid z / sqrt(width)), and y = W2 z / p; no biases. Weights as PyTorch stores them: W1 (width x 2p),
    W_mid (width x width), W2 (p x width)."""

    def __init__(self, p, width, layers=1, activation="quadratic"):
        super().__init__()
        if layers not in (1, 2):
            raise ValueError(f"model.layers must be 1 or 2, got {layers}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"model.activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")
        self.p, self.width, self.layers, self.activation, self.outputs = p, width, layers, activation, p
        self.W1 = _param((width, 2 * p))
        if layers == 2:
            self.W_mid = _param((width, width))
        self.W2 = _param((p, width))

    def _scales(self):
        dt = self.W1.dtype
        s = torch.tensor(1 / math.sqrt(self.width), dtype=torch.float64).to(dt)  # the engine's float(1/sqrt(M))
        inv_p = torch.tensor(1.0, dtype=dt) / torch.tensor(float(self.p), dtype=dt)  # the engine's 1f / p
        return s, inv_p

    def hidden(self, tokens):
        phi = ACTIVATIONS[self.activation]
        s, _ = self._scales()
        w1t = self.W1.t()
        out = {"pre1": (w1t[tokens[:, 0]] + w1t[self.p + tokens[:, 1]]) * s}
        out["h1"] = phi(out["pre1"])
        if self.layers == 2:
            out["pre2"] = (out["h1"] @ self.W_mid.t()) * s
            out["h2"] = phi(out["pre2"])
        return out

    def forward(self, tokens):
        h = self.hidden(tokens)
        _, inv_p = self._scales()
        return (h["h2" if self.layers == 2 else "h1"] @ self.W2.t()) * inv_p


class ParityMlp(nn.Module):
    """The thesis's 1-ReLU network f(x) = W2 relu(W1 x + b1) (one output), without b1 when ``hidden_bias`` is
    False; with ``input_one`` a constant 1 is appended to every input (PAIR's bias column of W1)."""

    def __init__(self, inputs, width, hidden_bias=True, input_one=False):
        super().__init__()
        self.inputs, self.width, self.input_one, self.outputs = inputs, width, input_one, 1
        self.W1 = _param((width, inputs + (1 if input_one else 0)))
        self.b1 = _param((width,)) if hidden_bias else None
        self.W2 = _param((1, width))

    def hidden(self, x):
        x = x.to(self.W1.dtype)
        if self.input_one:
            x = torch.cat([x, torch.ones(len(x), 1, dtype=x.dtype)], dim=1)
        pre = x @ self.W1.t()
        if self.b1 is not None:
            pre = pre + self.b1
        return {"pre1": pre, "h1": torch.relu(pre)}

    def forward(self, x):
        return self.hidden(x)["h1"] @ self.W2.t()


def build(config):
    """An untrained module of the run's model kind (parameters zero), from config.json."""
    m = model_settings(config)
    if m["type"] == "pair-mlp":
        return PairMlp(int(task_settings(config)["p"]), int(m["d_embed"]), int(m["width"]), bool(m["tied_embedding"]),
                       bool(m["collapsed_hidden"]), bool(m["collapsed_output"]))
    if m["type"] == "gromov-mlp":
        return GromovMlp(int(task_settings(config)["p"]), int(m["width"]), int(m["layers"]), m["activation"])
    return ParityMlp(int(task_settings(config)["n"]), int(m["width"]), bool(m["hidden_bias"]), bool(m["input_one"]))


def load(module, params):
    """Copies the checkpoint's parameters (numpy arrays by name) into the module; every module parameter must be
    present with its shape."""
    names = dict(module.named_parameters())
    for name, p in names.items():
        if name not in params:
            raise KeyError(f"the checkpoint has no tensor {name} (it has {', '.join(params)})")
        value = torch.from_numpy(params[name].copy())
        if tuple(value.shape) != tuple(p.shape):
            raise ValueError(f"checkpoint tensor {name} has shape {list(value.shape)}, the model needs {list(p.shape)}")
        with torch.no_grad():
            p.copy_(value.to(p.dtype))
    return module
