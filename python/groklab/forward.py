"""The engine's forward passes in numpy, in the engine's float32 arithmetic (no PyTorch needed).

Each function takes the model's settings (see kinds.model_settings), its parameters by checkpoint name and the
inputs as Split.inputs gives them, and returns the outputs as an (examples x outputs) array. The element-wise parts
are the engine's to the bit; the matrix products differ from it only by float32 rounding (summation order).
"""
import numpy as np

from .kinds import model_settings, task_settings

ACTIVATIONS = {
    "quadratic": lambda z: z * z,
    "relu": lambda z: np.where(z > 0, z, np.float32(0)),
    # StrictMath.sin / tanh in double, rounded to float, as the engine does
    "sin": lambda z: np.sin(z.astype(np.float64)).astype(z.dtype) if z.dtype == np.float32 else np.sin(z),
    "tanh": lambda z: np.tanh(z.astype(np.float64)).astype(z.dtype) if z.dtype == np.float32 else np.tanh(z),
    "identity": lambda z: z,
}


def activation(name):
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"model.activation must be one of {', '.join(ACTIVATIONS)}, got {name!r}") from None


def parameter_names(m):
    """The parameters a model of these settings has, by checkpoint name."""
    if m["type"] == "pair-mlp":
        names = ["W_in"] if m["collapsed_hidden"] else ["E", "H"]
        if m["collapsed_output"]:
            return names + ["W_out"]
        return names + ["O"] + (["U"] if not m["tied_embedding"] or m["collapsed_hidden"] else [])
    if m["type"] == "gromov-mlp":
        return ["W1"] + (["W_mid"] if int(m["layers"]) == 2 else []) + ["W2"]
    return ["W1"] + (["b1"] if m["hidden_bias"] else []) + ["W2"]


def check_parameters(m, params):
    """The checkpoint must hold exactly the model's parameters: a missing or an unknown one is an error."""
    want, have = parameter_names(m), list(params)
    if sorted(want) != sorted(have):
        raise ValueError(f"the checkpoint's parameters {', '.join(have)} are not those of a {m['type']} with "
                         f"these settings ({', '.join(want)}); was it written by a newer model variant?")


def outputs(config, params, x):
    """The model's outputs for inputs x (token pairs or bit features), given config.json and the parameters."""
    m = model_settings(config)
    check_parameters(m, params)
    if m["type"] == "pair-mlp":
        return pair_mlp(params, x, m)
    if m["type"] == "gromov-mlp":
        return gromov_mlp(params, x, m, int(task_settings(config)["p"]))
    return parity_mlp(params, x, m)


def pair_mlp(w, tokens, m):
    """PAIR's 1-layer MLP: W_in = E H, W_out = O U^T (U = E when tied), logits = relu(W_in[a] + W_in[b]) W_out."""
    w_in = w["W_in"] if m["collapsed_hidden"] else w["E"] @ w["H"]
    if m["collapsed_output"]:
        w_out = w["W_out"]
    else:
        w_out = w["O"] @ (w["U"] if "U" in w else w["E"]).T
    z = w_in[tokens[:, 0]] + w_in[tokens[:, 1]]
    return np.maximum(z, 0) @ w_out


def gromov_mlp(w, tokens, m, p):
    """Gromov's MLP: z = phi((W1 onehot(a) + W1 onehot(p + b)) s), [z = phi(W_mid z s)], y = W2 z / p with
    s = 1/sqrt(width), both factors rounded to the parameters' precision as in the engine."""
    dt = w["W1"].dtype
    s = dt.type(1 / np.sqrt(int(m["width"])))
    inv_p = dt.type(1) / dt.type(p)
    phi = activation(m["activation"])
    w1t = w["W1"].T
    h = phi((w1t[tokens[:, 0]] + w1t[p + tokens[:, 1]]) * s)
    if int(m["layers"]) == 2:
        h = phi((h @ w["W_mid"].T) * s)
    return (h @ w["W2"].T) * inv_p


def parity_mlp(w, x, m):
    """The thesis's 1-ReLU network: y = W2 relu(W1 x + b1), x with a constant 1 appended when input_one."""
    x = np.asarray(x, dtype=w["W1"].dtype)
    if m["input_one"]:
        x = np.concatenate([x, np.ones((len(x), 1), dtype=x.dtype)], axis=1)
    z = x @ w["W1"].T
    if m["hidden_bias"]:
        z = z + w["b1"]
    return np.maximum(z, 0) @ w["W2"].T
