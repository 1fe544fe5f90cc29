"""Straightforward PyTorch CPU reference for the CT-RNN benchmark (bench/CtrnnBenchmark.java).

Murray's network (Appendix B): tau dx/dt = -x + J r + B u + b + eta, r = tanh(x), z = W r + b_out, Euler step
dt = 10 ms, N = N_in = 100, T = 50, eta ~ N(0, 0.1^2) per neuron and step, x(0) = 0; loss = mean squared error over
the last 5 outputs + lambda/(T N) sum r^2 dt (lambda 1e-4, dt 0.01 s); AdamW lr 1e-3, weight decay 1e-4;
minibatches of 256 of 1,800 training trials (the SET task with nothing held out: 50 trials per invalid relation,
100 per valid one), as a researcher would write it: nn.Linear layers and a Python loop over time, autograd for BPTT.

Run with Debian's Python and OpenBLAS's AVX-512 kernels (see ../shared/BENCHMARKING.md):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/ctrnn_reference.py [--threads 1]
        [--tau 100] [--warmup 2] [--reps 7]

Protocol (the same as CtrnnBenchmark.java): --warmup untimed epochs, then --reps timed epochs (training only);
ms/epoch is the median with min-max; one validation pass (1,350 trials, no_grad) timed apart.
"""
import argparse
import itertools
import statistics
import time

import numpy as np
import torch
import torch.nn as nn


class CTRNN(nn.Module):
    def __init__(self, n=100, n_in=100, tau=100.0, dt=10.0, noise=0.1):
        super().__init__()
        self.alpha = dt / tau
        self.noise = noise
        self.J = nn.Linear(n, n, bias=False)
        self.B = nn.Linear(n_in, n, bias=True)  # its bias is b
        self.W = nn.Linear(n, 1, bias=True)  # its bias is b_out
        for lin in (self.J, self.B, self.W):
            nn.init.xavier_uniform_(lin.weight)
        nn.init.zeros_(self.B.bias)
        nn.init.zeros_(self.W.bias)
        self.n = n

    def forward(self, u):  # u: [batch, T, n_in]
        batch, steps, _ = u.shape
        x = torch.zeros(batch, self.n)
        r = torch.tanh(x)
        rates = []
        for t in range(steps):
            # the input product step by step, as in the common CTRNN tutorials; one product self.B(u) before the
            # loop, sliced per step, makes autograd add 50 full-size zero tensors in backward (about 20x slower)
            eta = self.noise * torch.randn(batch, self.n)
            x = (1 - self.alpha) * x + self.alpha * (self.J(r) + self.B(u[:, t]) + eta)
            r = torch.tanh(x)
            rates.append(r)
        rates = torch.stack(rates, dim=1)  # [batch, T, n]
        return self.W(rates).squeeze(-1), rates


def loss_fn(z, rates, y, scored=5, lam=1e-4, dt=0.01):
    batch, steps, n = rates.shape
    mse = ((z[:, -scored:] - y[:, None]) ** 2).mean()
    return mse + lam / (steps * n) * (rates ** 2).sum() * dt / batch


def dataset(n_in=100, per_relation=50, seed=0):
    rng = np.random.default_rng(seed)
    colours = rng.standard_normal((3, n_in)).astype(np.float32)
    onsets = [o for o in itertools.combinations(range(3, 39), 3) if o[1] >= o[0] + 5 and o[2] >= o[1] + 5]
    xs, ys = [], []
    for a, b, c in itertools.product(range(3), repeat=3):
        valid = (a + b + c) % 3 == 0
        for _ in range(2 * per_relation if valid else per_relation):
            u = np.zeros((50, n_in), np.float32)
            for colour, o in zip((a, b, c), onsets[rng.integers(len(onsets))]):
                u[o:o + 2] = colours[colour]
            xs.append(u)
            ys.append(1.0 if valid else -1.0)
    return torch.tensor(np.stack(xs)), torch.tensor(ys, dtype=torch.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--tau", type=float, default=100.0)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--reps", type=int, default=7)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"torch      : {torch.__version__}, num_threads={torch.get_num_threads()}")
    u, y = dataset()
    val_u, val_y = u[:1350], y[:1350]
    model = CTRNN(tau=args.tau)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)

    def epoch():
        perm = torch.randperm(len(y))
        for i in range(0, len(y), 256):
            idx = perm[i:i + 256]
            z, rates = model(u[idx])
            loss = loss_fn(z, rates, y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()

    def validate():
        with torch.no_grad():
            for i in range(0, len(val_y), 256):
                z, rates = model(val_u[i:i + 256])
                loss_fn(z, rates, val_y[i:i + 256])

    for _ in range(args.warmup):
        epoch()
    ms, val = [], []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        epoch()
        t1 = time.perf_counter()
        validate()
        t2 = time.perf_counter()
        ms.append((t1 - t0) * 1e3)
        val.append((t2 - t1) * 1e3)
    n, n_in, steps, trials = 100, 100, 50, len(y)
    flops = 2.0 * steps * (2 * n_in * n + 3 * n * n + 2 * n) * trials
    med = statistics.median(ms)
    print(f"epoch      : {med:.1f} ms median (min {min(ms):.1f}, max {max(ms):.1f}) over {args.reps} epochs;"
          f" {flops / 1e9:.2f} GFLOP/epoch, {flops / med / 1e6:.1f} GFLOP/s")
    print(f"validation : {statistics.median(val):.1f} ms median for {len(val_y)} trials")
    a = torch.randn(2048, 2048)
    b = torch.randn(2048, 2048)
    torch.mm(a, b)
    g = []
    for _ in range(5):
        t0 = time.perf_counter()
        torch.mm(a, b)
        g.append(2 * 2048 ** 3 / (time.perf_counter() - t0) / 1e9)
    print(f"mm check   : torch.mm 2048x2048 float32: {statistics.median(g):.1f} GFLOP/s median")
    print(f"RESULT ctrnn-torch tau={args.tau:.0f} ms_per_epoch={med:.2f} min={min(ms):.2f} max={max(ms):.2f}"
          f" val_ms={statistics.median(val):.2f}")


if __name__ == "__main__":
    main()
