#!/usr/bin/env python3
"""Recompute a groklab run's final accuracies from its last checkpoint with numpy alone.

usage: python3 scripts/recompute_accuracy.py RUN_DIR [CHECKPOINT]
Reads the safetensors file with a plain parser (8-byte header length, JSON header, raw little-endian data),
split.json and config.json, runs the model's forward pass and prints "train_acc X test_acc Y".
"""
import json
import struct
import sys
from pathlib import Path

import numpy as np


def read_safetensors(path):
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = raw[8 + n:]
    dtypes = {"F32": "<f4", "F64": "<f8"}
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtypes[info["dtype"]]).reshape(info["shape"])
    return tensors, meta


def logits(cfg, w, a, b):
    p = cfg["task"]["p"]
    m = cfg["model"]
    if m["type"] == "gromov-mlp":
        phi = {"quadratic": np.square, "relu": lambda x: np.maximum(x, 0), "sin": np.sin, "tanh": np.tanh,
               "identity": lambda x: x}[m["activation"]]
        width = m["width"]
        x = np.zeros((len(a), 2 * p), dtype=np.float64)
        x[np.arange(len(a)), a] = 1
        x[np.arange(len(a)), p + b] = 1
        h = phi(x @ w["W1"].T.astype(np.float64) / np.sqrt(width))
        if m["layers"] == 2:
            h = phi(h @ w["W_mid"].T.astype(np.float64) / np.sqrt(width))
        return h @ w["W2"].T.astype(np.float64) / p
    if m["type"] == "pair-mlp":
        f = {k: v.astype(np.float64) for k, v in w.items() if not k.startswith("optimizer.")}
        w_in = f["W_in"] if m["collapsed_hidden"] else f["E"] @ f["H"]
        if m["collapsed_output"]:
            w_out = f["W_out"]
        else:
            w_out = f["O"] @ (f["E"] if "U" not in f else f["U"]).T
        return np.maximum(w_in[a] + w_in[b], 0) @ w_out
    raise SystemExit("unknown model type " + m["type"])


def main():
    run = Path(sys.argv[1])
    cfg = json.loads((run / "config.json").read_text())
    split = json.loads((run / "split.json").read_text())
    ckpt = Path(sys.argv[2]) if len(sys.argv) > 2 else run / "checkpoints" / f"step-{cfg['train']['steps']}.safetensors"
    w, meta = read_safetensors(ckpt)
    ex = np.array(split["examples"])
    labels = ex[:, 2].copy()
    for idx, noisy in split["noisy_labels"]:
        labels[idx] = noisy
    out = []
    for part in ("train", "test"):
        idx = np.array(split[part])
        pred = np.argmax(logits(cfg, w, ex[idx, 0], ex[idx, 1]), axis=1)
        truth = labels[idx] if part == "train" else ex[idx, 2]
        out.append(float(np.mean(pred == truth)))
    print(f"checkpoint step {meta.get('step')} of run {meta.get('run_id')}")
    print(f"train_acc {out[0]!r} test_acc {out[1]!r}")


if __name__ == "__main__":
    main()
