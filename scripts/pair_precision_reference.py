#!/usr/bin/env python3
"""An independent PyTorch run of a pair-mlp in PAIR's precision, from a groklab run's step-0 checkpoint and split.

usage: pair_precision_reference.py RUN_DIR [STEPS]   (default 1000 steps; needs numpy and PyTorch)

As PAIR's notebook (jax_enable_x64): the embedding E float32, H and O float64; each use of E cast to float64
(.double(), whose gradient PyTorch rounds back to float32 per use), every product, the log-softmax and the loss
(cross-entropy / p, averaged over examples) in float64; torch.optim.AdamW for E in float32 and for H, O in float64
with the run's hyperparameters. Prints the train and test loss next to the run's metrics.csv at the steps both have
(steps 0-9 and every 250th): they agree to rounding at first and drift apart as rounding differences grow.
"""
import sys

import numpy as np
import torch

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "python"))
import groklab  # noqa: E402


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    run = groklab.load_run(argv[1])
    steps = int(argv[2]) if len(argv) > 2 else 1000
    cfg = run.config
    if cfg["model"]["type"] != "pair-mlp" or not cfg["model"]["tied_embedding"]:
        sys.exit("needs a run of the tied pair-mlp")
    p = cfg["task"]["p"]
    w0 = run.load_checkpoint(0).params()
    e = torch.nn.Parameter(torch.tensor(np.asarray(w0["E"], dtype=np.float32)))
    h = torch.nn.Parameter(torch.tensor(np.asarray(w0["H"], dtype=np.float64)))
    o = torch.nn.Parameter(torch.tensor(np.asarray(w0["O"], dtype=np.float64)))
    xa, ya = (torch.tensor(np.asarray(v)) for v in run.split.inputs("train"))
    xt, yt = (torch.tensor(np.asarray(v)) for v in run.split.inputs("test"))

    def forward(x):
        hidden = torch.relu(e[x[:, 0]].double() @ h + e[x[:, 1]].double() @ h)
        return (hidden @ o) @ e.double().T

    def loss(logits, y):
        return -torch.log_softmax(logits, -1).gather(1, y[:, None]).sum() / (len(y) * p)

    opt = cfg["optimizer"]
    kw = dict(lr=opt["lr"], betas=tuple(opt["betas"]), eps=opt["eps"], weight_decay=opt["weight_decay"])
    optimizers = [torch.optim.AdamW([e], **kw), torch.optim.AdamW([h, o], **kw)]
    m = run.metrics
    recorded = {int(s): (a, b) for s, a, b in zip(m["step"], m["train_loss"], m["test_loss"])}
    print("step  train loss: torch / groklab          test loss: torch / groklab")
    for s in range(steps + 1):
        train_loss = loss(forward(xa), ya)
        if s in recorded and (s < 10 or s % 250 == 0):
            with torch.no_grad():
                test_loss = loss(forward(xt), yt).item()
            print(f"{s:5d}  {train_loss.item():.10g} / {recorded[s][0]:.10g}    {test_loss:.10g} / {recorded[s][1]:.10g}")
        if s == steps:
            break
        for optimizer in optimizers:
            optimizer.zero_grad()
        train_loss.backward()
        for optimizer in optimizers:
            optimizer.step()


if __name__ == "__main__":
    main(sys.argv)
