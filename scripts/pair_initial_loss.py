#!/usr/bin/env python3
"""The initial training loss of PAIR's modular-addition model under the notebook's initialisers, against the
initial losses PAIR published for its 450 runs (docs/precision.md).

usage: pair_initial_loss.py PAIR_CSV [DRAWS]

PAIR_CSV is the explorable repository's source/grokking/mod-bot/seeds/data__allmetrics_mlp_modular_addition_sweep.csv.
Its row at step 0 holds the train loss computed before the first update (the notebook's update() returns the loss of
the parameters it was given), i.e. the loss at initialisation. The initial logits' scale depends on the product of
the three weight scales (E twice, H, O), so this distribution pins the initialisation scale the published runs used.

The model is drawn as the notebook (server-side/grokking/MLP_Modular_Addition.ipynb) draws it: the tied embedding E
(67 x 500) by hk.initializers.VarianceScaling(2) (fan-in 67, a normal truncated at +-2 standard deviations divided by
0.8796 so its standard deviation is sqrt(2/67)); H (500 x 24) and O (24 x 500) by hk.Linear's default,
TruncatedNormal(stddev=1/sqrt(fan_in)), not rescaled; no biases. Training pairs: 911 of the 2,278 pairs a <= b.
The loss is the mean cross-entropy over the 911 pairs (PAIR's CSV divides it by 67; this script multiplies back).
Each line scales O by a factor (the same as scaling the logits' standard deviation by it).
Needs numpy and scipy.
"""
import csv
import sys

import numpy as np
from scipy.stats import truncnorm

P, D, W, TRAIN = 67, 500, 24, 911
TRUNCATED_STD = 0.87962566103423978


def initial_loss(rng, pairs, targets, o_scale):
    def draw(shape, std):
        return truncnorm.rvs(-2, 2, size=shape, random_state=rng) * std

    e = draw((P, D), np.sqrt(2 / P) / TRUNCATED_STD)
    h = draw((D, W), 1 / np.sqrt(D))
    o = draw((W, D), 1 / np.sqrt(W)) * o_scale
    idx = rng.permutation(len(pairs))[:TRAIN]
    a, b, y = pairs[idx, 0], pairs[idx, 1], targets[idx]
    logits = np.maximum(e[a] @ h + e[b] @ h, 0) @ o @ e.T
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return -log_probs[np.arange(TRAIN), y].mean()


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    draws = int(sys.argv[2]) if len(sys.argv) == 3 else 200
    with open(sys.argv[1], newline="") as f:
        published = np.array([float(r["train_loss"]) * P for r in csv.DictReader(f) if r["step"] == "0"])
    q = (0.1, 0.5, 0.9)
    print(f"PAIR's {len(published)} runs: initial train cross-entropy q10/median/q90",
          np.quantile(published, q).round(4))
    pairs = np.array([[a, b] for a in range(P) for b in range(P) if a <= b])
    targets = pairs.sum(axis=1) % P
    for o_scale in (0.9, 0.95, 1.0, 1.05, 1.1):
        losses = [initial_loss(np.random.default_rng(s), pairs, targets, o_scale) for s in range(draws)]
        print(f"notebook init, O x {o_scale:<4}: {draws} draws q10/median/q90", np.quantile(losses, q).round(4))


if __name__ == "__main__":
    main()
