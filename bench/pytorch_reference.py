#!/usr/bin/env python3
"""PyTorch reference for groklab's step benchmark: the straightforward PyTorch a researcher would write for the
same models and settings as groklab's presets (read at run time from the jar the Java side runs, see --resources).

Run (from the repository root; Debian's python with python3-torch + libopenblas0-openmp; see shared/BENCHMARKING.md):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/pytorch_reference.py \
        [preset...] [--threads N] [--warmup SECONDS] [--reps R] [--steps S]

Protocol (the same as bench/StepBenchmark.java): warm-up for --warmup seconds (default 2), then --reps (default 7)
timed blocks of S steps (S per preset from STEPS, the same numbers as the Java side, or --steps); median and min-max
of ms/step over the blocks. One evaluation (forward + loss + accuracy on the train and on the test set, no grad)
is timed separately. Lines starting with "RESULT " are parsed by bench/run.sh.

The split is a seeded random permutation of the same size as groklab's (round(train_fraction * n), Java's
Math.round); which examples are in it does not change the cost of a step.
"""
import argparse
import ctypes
import math
import os
import platform
import statistics
import time
import zipfile

import torch
import torch.nn as nn
import torch.nn.functional as F
import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Where the presets are read from: the jar the Java side runs (run.sh passes its private copy with --resources),
# so that both sides time the same specs even while the sources are being edited; else the built jar
# (core/target/groklab.jar or target/groklab.jar); else the resources folder of the sources.
def _first_existing(*paths):
    return next((p for p in paths if os.path.exists(p)), None)


# the module layout (core/) or the single-module one
DEFAULT_JAR = _first_existing(os.path.join(ROOT, "core", "target", "groklab.jar"),
                              os.path.join(ROOT, "target", "groklab.jar"))
SOURCE_RESOURCES = _first_existing(os.path.join(ROOT, "core", "src", "main", "resources"),
                                   os.path.join(ROOT, "src", "main", "resources"))


def read_resource(resources, name):
    """Text of a classpath resource (e.g. "presets/pair-modadd.yaml") from a jar or a resources folder."""
    if resources.endswith(".jar"):
        with zipfile.ZipFile(resources) as z:
            try:
                return z.read(name).decode()
            except KeyError:
                return None
    path = os.path.join(resources, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read()


# The presets timed by default: those with a PyTorch twin below (their sizes and settings are read from
# src/main/resources/presets/<name>.yaml over defaults.yaml at run time, so the two sides cannot drift apart).
DEFAULT_PRESETS = ["quick-modadd", "pair-modadd", "pair-modadd-f32", "gromov-quadratic", "gromov-quadratic/onehot",
                   "thesis-fig2.1", "thesis-fig2.1@model.width=1000"]


def _merge(base, over):
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(base.get(k), dict):
            _merge(base[k], v)
        else:
            base[k] = v
    return base


def _override(tree, key, value):
    """Sets a dotted key (as groklab's --set) in a nested dict."""
    *path, last = key.split(".")
    for k in path:
        tree = tree.setdefault(k, {})
    tree[last] = yaml.safe_load(value)


def load_preset(name, resources):
    """The preset's spec (defaults.yaml, its kind's defaults kinds/<type>.yaml, presets/<name>.yaml) as the few
    settings this script needs. "name@key=value@..." overrides keys as groklab's --set does (e.g.
    thesis-fig2.1@model.width=1000); "gromov-quadratic/onehot" is the Gromov twin that multiplies the one-hot input."""
    name, *sets = name.split("@")
    name, _, variant = name.partition("/")
    spec = yaml.safe_load(read_resource(resources, "defaults.yaml"))
    text = read_resource(resources, f"presets/{name}.yaml")
    if text is None:
        raise SystemExit(f"no preset {name!r} in {resources}")
    preset = yaml.safe_load(text)
    for kv in sets:
        key, eq, value = kv.partition("=")
        if not eq:
            raise SystemExit(f"override {kv!r}: expected key=value")
        _override(preset, key, value)
    kind_type = (preset.get("task") or {}).get("type", spec["task"]["type"])
    kind = yaml.safe_load(read_resource(resources, f"kinds/{kind_type}.yaml"))
    model_type = (preset.get("model") or {}).get("type", next(iter(kind["models"])))
    spec["task"] = dict(type=kind_type, **kind["task"])
    spec["model"] = dict(type=model_type, **kind["models"][model_type])
    _merge(spec, preset)
    t, m, o, loss = spec["task"], spec["model"], spec["optimizer"], spec["loss"]
    if m["type"] == "parity-mlp":
        return parity_config(name, spec)
    cfg = dict(p=t["p"], operation=t["operation"], pairs=t["pairs"], train_fraction=t["train_fraction"],
               lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"], weight_decay=o["weight_decay"],
               batch_size=spec["train"]["batch_size"], loss=loss["type"], reduction=loss["reduction"])
    problems = []
    if o["type"] != "adamw" or o["schedule"] != "constant" or o["warmup_steps"] or o["grad_clip"]:
        problems.append("optimizer must be plain AdamW")
    if cfg["batch_size"]:
        problems.append("full batch only")
    if t["label_noise"] or t["operation"] not in ("add", "random"):
        problems.append("task must be add or random, no label noise")
    if m["type"] == "pair-mlp":
        # groklab's PAIR precision (model.precision: pair) multiplies H, O and the loss in float64: the twin then
        # runs wholly in float64, a close upper bound of that mix's cost in PyTorch
        cfg.update(model="pair", d_embed=m["d_embed"], width=m["width"],
                   float64=m.get("precision", "float32") != "float32")
        if not m["tied_embedding"] or m["collapsed_hidden"] or m["collapsed_output"]:
            problems.append("pair-mlp twin is the tied, factored model only")
        if (loss["type"], loss["reduction"]) != ("cross_entropy", "elements"):
            problems.append("pair-mlp twin uses cross-entropy averaged over batch and classes")
    elif m["type"] == "gromov-mlp":
        if variant not in ("", "onehot"):
            problems.append(f"variant {variant!r} (gromov-mlp: none, the gather twin, or /onehot)")
        cfg.update(model="gromov", width=m["width"], onehot=variant == "onehot")
        if m["layers"] != 1 or m["activation"] != "quadratic":
            problems.append("gromov-mlp twin has one quadratic hidden layer")
        if (loss["type"], loss["reduction"]) != ("mse", "elements"):
            problems.append("gromov-mlp twin uses MSE averaged over all elements")
    else:
        problems.append(f"model {m['type']}")
    if problems:
        raise SystemExit(f"no PyTorch twin for preset {name!r}: " + "; ".join(problems))
    return cfg


def parity_config(name, spec):
    """The thesis's sparse-parity network: n +-1 inputs, Linear(n, width) with the hidden bias, ReLU,
    Linear(width, 1) without bias, the hinge loss, SGD with L2 weight decay (torch's weight_decay), minibatches."""
    t, m, o, loss = spec["task"], spec["model"], spec["optimizer"], spec["loss"]
    problems = []
    if o["type"] != "sgd" or o["momentum"] or o["schedule"] != "constant" or o["grad_clip"] \
            or o["decay"] not in ("default", "l2"):
        problems.append("optimizer must be plain SGD with L2 decay")
    if loss["type"] != "hinge" or m["input_one"] or t["bits"] != "pm1" or t["label_noise"]:
        problems.append("parity twin: hinge loss, +-1 bits, no input one, no label noise")
    if problems:
        raise SystemExit(f"no PyTorch twin for preset {name!r}: " + "; ".join(problems))
    return dict(model="parity", n=t["n"], k=t["k"], train_size=t["train_size"], test_size=t["test_size"],
                width=m["width"], hidden_bias=m["hidden_bias"], lr=o["lr"], weight_decay=o["weight_decay"],
                batch_size=spec["train"]["batch_size"])


# Steps per timed block: the same numbers as StepBenchmark.STEPS.
STEPS = {"quick-modadd": 200, "pair-modadd": 200, "pair-collapsed": 400, "gromov-quadratic": 20,
         "gromov-random-op": 20}


class PairMLP(nn.Module):
    """PAIR's one-layer MLP: tied embedding E (p x d), H (d x w), h = ReLU(E[a]H + E[b]H), O (w x d),
    logits = h O E^T. Written per example, the way one writes it in PyTorch."""

    def __init__(self, p, d_embed, width):
        super().__init__()
        self.embed = nn.Embedding(p, d_embed)
        self.hidden = nn.Linear(d_embed, width, bias=False)
        self.out = nn.Linear(width, d_embed, bias=False)
        nn.init.normal_(self.embed.weight, std=math.sqrt(2.0 / p))
        nn.init.trunc_normal_(self.hidden.weight, std=1 / math.sqrt(d_embed))
        nn.init.trunc_normal_(self.out.weight, std=1 / math.sqrt(width))

    def forward(self, a, b):
        h = F.relu(self.hidden(self.embed(a)) + self.hidden(self.embed(b)))
        return self.out(h) @ self.embed.weight.T


class GromovMLP(nn.Module):
    """Gromov (2023) as in Liu's essay: x = [onehot(a), onehot(b)], z = (W1 x / sqrt(M))^2, y = W2 z / p,
    no biases, N(0, 1) init."""

    def __init__(self, p, width):
        super().__init__()
        self.p = p
        self.width = width
        self.W1 = nn.Linear(2 * p, width, bias=False)
        self.W2 = nn.Linear(width, p, bias=False)
        nn.init.normal_(self.W1.weight)
        nn.init.normal_(self.W2.weight)

    def forward(self, a, b):
        x = torch.cat([F.one_hot(a, self.p), F.one_hot(b, self.p)], dim=1).float()
        z = (self.W1(x) / math.sqrt(self.width)) ** 2
        return self.W2(z) / self.p


class GromovGatherMLP(GromovMLP):
    """The same model, W1 x computed as groklab does: the two columns of W1 that the one-hot input selects,
    gathered and added (F.embedding: its backward sums rows into the gradient): the same FLOPs as groklab's."""

    def forward(self, a, b):
        w1t = self.W1.weight.t()
        z = ((F.embedding(a, w1t) + F.embedding(self.p + b, w1t)) / math.sqrt(self.width)) ** 2
        return self.W2(z) / self.p


class ParityMLP(nn.Module):
    """The thesis's network: Linear(n, width) (+ bias), ReLU, Linear(width, 1, bias=False); nn.Linear's init."""

    def __init__(self, n, width, hidden_bias):
        super().__init__()
        self.hidden = nn.Linear(n, width, bias=hidden_bias)
        self.out = nn.Linear(width, 1, bias=False)

    def forward(self, x):
        return self.out(F.relu(self.hidden(x))).squeeze(1)


def hinge_loss(out, y):
    return torch.clamp(1 - y * out, min=0).mean()


def pair_loss(logits, y, p):
    # cross-entropy averaged over batch and classes (groklab's reduction "elements")
    return F.cross_entropy(logits, y) / p


def gromov_loss(out, y, p):
    # MSE against one-hot targets, mean over all elements
    return F.mse_loss(out, F.one_hot(y, p).float())


def macs_per_step(cfg, n):
    """Multiply-adds of the matrix products of one training step as this script computes them (x2 = FLOPs).

    pair (per example): forward E[a]H, E[b]H 2*n*d*w; h O n*w*d; (hO) E^T n*d*p  -> 3ndw + ndp;
        backward: grad input + grad weight of each product = 2 x forward  ->  total 9*n*d*w + 3*n*d*p.
    gromov: forward x W1^T n*2p*M, z W2^T n*M*p; backward: dW1 n*2p*M (no grad for the one-hot input),
        dW2 n*M*p, dz n*p*M  ->  total 4*n*p*M + 3*n*M*p = 7*n*p*M; the gather twin: only the three products
        of W2 (3*n*M*p), as groklab.
    parity (a batch of b): forward x W1^T b*n*w, h W2^T b*w; backward dW1 b*w*n, dW2 b*w, dh b*w
        -> 2*b*n*w + 3*b*w (as groklab's ParityKind.flopsPerStep).
    """
    if cfg["model"] == "parity":
        b, w = n, cfg["width"]
        return 2 * b * cfg["n"] * w + 3 * b * w
    p = cfg["p"]
    if cfg["model"] == "pair":
        d, w = cfg["d_embed"], cfg["width"]
        return 9 * n * d * w + 3 * n * d * p
    m = cfg["width"]
    return 7 * n * p * m if cfg.get("onehot", True) else 3 * n * p * m


def dataset(cfg, seed=0):
    p = cfg["p"]
    pairs = [(a, b) for a in range(p) for b in (range(a, p) if cfg["pairs"] == "symmetric" else range(p))]
    ab = torch.tensor(pairs, dtype=torch.long)
    if cfg["operation"] == "random":  # a random table (its values do not change the cost of a step)
        table = torch.randint(p, (p, p), generator=torch.Generator().manual_seed(seed))
        labels = table[ab[:, 0], ab[:, 1]]
    else:
        labels = (ab[:, 0] + ab[:, 1]) % p
    n = len(pairs)
    n_train = int(max(1, min(n - 1, math.floor(cfg["train_fraction"] * n + 0.5))))
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    tr, te = perm[:n_train], perm[n_train:]
    return (ab[tr, 0], ab[tr, 1], labels[tr]), (ab[te, 0], ab[te, 1], labels[te])


def openblas_info():
    for name in ("libopenblas.so.0", "libblas.so.3"):
        try:
            lib = ctypes.CDLL(name)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            return lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            continue
    return "not OpenBLAS (or not found)", "?"


def loaded_blas():
    """The BLAS/LAPACK shared objects mapped into this process (the ones torch really calls)."""
    try:
        with open("/proc/self/maps") as f:
            return sorted({l.split()[-1] for l in f if "blas" in l or "lapack" in l or "mkl" in l})
    except OSError:
        return ["?"]


def mm_check(n=2048, reps=7):
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        torch.mm(a, b)
    g = []
    for _ in range(reps):
        t = time.perf_counter()
        torch.mm(a, b)
        g.append(2 * n ** 3 / (time.perf_counter() - t) / 1e9)
    return statistics.median(g), min(g), max(g)


def parity_data(cfg, seed=0):
    """+-1 inputs, labels the product of the first k bits (a train set of train_size, a test set of test_size)."""
    g = torch.Generator().manual_seed(seed)

    def draw(size):
        x = torch.randint(0, 2, (size, cfg["n"]), generator=g).float() * 2 - 1
        return x, x[:, :cfg["k"]].prod(dim=1)

    return draw(cfg["train_size"]), draw(cfg["test_size"])


def bench_parity(name, cfg, warmup, reps, steps_override, threads):
    torch.manual_seed(0)
    (x, y), (tx, ty) = parity_data(cfg)
    model = ParityMLP(cfg["n"], cfg["width"], cfg["hidden_bias"])
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    b = cfg["batch_size"] or len(y)
    steps = steps_override or STEPS.get(name.split("@")[0], 50)
    nparams = sum(t.numel() for t in model.parameters())
    print(f"\n-- {name}: parity-mlp n={cfg['n']} k={cfg['k']} width={cfg['width']} bias={cfg['hidden_bias']},"
          f" hinge, SGD lr={cfg['lr']} wd={cfg['weight_decay']}")
    print(f"   params={nparams} train={len(y)} test={len(ty)} batch={b} steps/block={steps}")
    gen = torch.Generator().manual_seed(1)
    perm = torch.randperm(len(y), generator=gen)
    at = [0]

    def step():  # a shuffled minibatch of b examples, as groklab's epochs
        if at[0] + b > len(y):
            perm.copy_(torch.randperm(len(y), generator=gen))
            at[0] = 0
        idx = perm[at[0]:at[0] + b]
        at[0] += b
        opt.zero_grad()
        loss = hinge_loss(model(x[idx]), y[idx])
        loss.backward()
        opt.step()

    def evaluate():
        with torch.no_grad():
            r = 0.0
            for xs, ys in ((x, y), (tx, ty)):
                out = model(xs)
                r += hinge_loss(out, ys).item() + (torch.sign(out) == ys).float().mean().item()
        return r

    timed(name, cfg, step, evaluate, warmup, reps, steps, threads, b)


def bench(name, resources, threads, warmup, reps, steps_override):
    cfg = load_preset(name, resources)
    if cfg["model"] == "parity":
        bench_parity(name, cfg, warmup, reps, steps_override, threads)
        return
    torch.manual_seed(0)
    p = cfg["p"]
    (a, b, y), (ta, tb, ty) = dataset(cfg)
    if cfg["model"] == "pair":
        model, loss_fn = PairMLP(p, cfg["d_embed"], cfg["width"]), pair_loss
        shape = f"pair-mlp p={p} d={cfg['d_embed']} w={cfg['width']} tied, cross_entropy/p"
        if cfg["float64"]:
            model = model.double()
            shape += ", float64"
    elif cfg["onehot"]:
        model, loss_fn = GromovMLP(p, cfg["width"]), gromov_loss
        shape = f"gromov-mlp p={p} M={cfg['width']} quadratic, mse, one-hot input multiplied"
    else:
        model, loss_fn = GromovGatherMLP(p, cfg["width"]), gromov_loss
        shape = f"gromov-mlp p={p} M={cfg['width']} quadratic, mse, columns of W1 gathered"
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=cfg["betas"], eps=cfg["eps"],
                            weight_decay=cfg["weight_decay"])
    steps = steps_override or STEPS.get(name.split("@")[0].split("/")[0], 50)
    nparams = sum(t.numel() for t in model.parameters())
    print(f"\n-- {name}: {shape}, AdamW lr={cfg['lr']} betas={cfg['betas']} wd={cfg['weight_decay']}")
    print(f"   params={nparams} train={len(y)} test={len(ty)} batch={len(y)} steps/block={steps}")

    def step():
        opt.zero_grad()
        loss = loss_fn(model(a, b), y, p)
        loss.backward()
        opt.step()

    def evaluate():
        with torch.no_grad():
            out = model(a, b)
            r = loss_fn(out, y, p).item() + (out.argmax(1) == y).float().mean().item()
            out = model(ta, tb)
            r += loss_fn(out, ty, p).item() + (out.argmax(1) == ty).float().mean().item()
        return r

    timed(name, cfg, step, evaluate, warmup, reps, steps, threads, len(y))


def timed(name, cfg, step, evaluate, warmup, reps, steps, threads, n):
    """The protocol: warm-up, timed blocks of steps, then evaluations; prints the RESULT line."""
    t0 = time.perf_counter()
    warm = 0
    while time.perf_counter() - t0 < warmup or warm < 10:
        step()
        warm += 1
    ms = []
    for _ in range(reps):
        t = time.perf_counter()
        for _ in range(steps):
            step()
        ms.append((time.perf_counter() - t) * 1e3 / steps)

    for _ in range(3):
        evaluate()
    ev = []
    for _ in range(max(reps, 5)):
        t = time.perf_counter()
        evaluate()
        ev.append((time.perf_counter() - t) * 1e3)

    med = statistics.median(ms)
    flops = 2 * macs_per_step(cfg, n)
    print(f"   step: {med:.4f} ms median (min {min(ms):.4f}, max {max(ms):.4f} over {reps} blocks of {steps};"
          f" warm-up {warm} steps), {1000 / med:.1f} steps/s")
    print(f"   FLOPs/step {flops:.4g} (this formulation's matmul MACs x2) -> {flops / med / 1e6:.2f} GFLOP/s")
    print(f"   eval (train + test examples): {statistics.median(ev):.3f} ms median"
          f" (min {min(ev):.3f}, max {max(ev):.3f})")
    print(f"RESULT kind=step preset={name} ms_median={med:.5f} ms_min={min(ms):.5f} ms_max={max(ms):.5f}"
          f" steps_per_s={1000 / med:.2f} flops={flops} gflops={flops / med / 1e6:.3f}"
          f" eval_ms={statistics.median(ev):.4f} threads={threads} steps={steps} reps={reps}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("presets", nargs="*", help=f"default: {', '.join(DEFAULT_PRESETS)}")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--resources", default=None,
                    help="jar or resources folder to read presets from (default: target/groklab.jar, else src/main/resources)")
    args = ap.parse_args()
    resources = args.resources or DEFAULT_JAR or SOURCE_RESOURCES
    presets = args.presets or DEFAULT_PRESETS
    for n in presets:
        load_preset(n, resources)  # fail before any timing

    torch.set_num_threads(args.threads)
    config, core = openblas_info()
    print("== PyTorch reference step benchmark")
    print(f"python     : {platform.python_version()} ({platform.python_implementation()})")
    print(f"torch      : {torch.__version__}, num_threads={torch.get_num_threads()},"
          f" interop_threads={torch.get_num_interop_threads()}")
    print(f"openblas   : {config}")
    print(f"kernel set : {core} (OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '<unset>')},"
          f" OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '<unset>')})")
    print(f"blas loaded: {', '.join(loaded_blas())}")
    print("torch.__config__.show() (BLAS/LAPACK/CPU lines):")
    for line in torch.__config__.show().splitlines():
        line = line.strip()
        if line.startswith("- Build settings:"):
            keep = ("BLAS_INFO", "LAPACK_INFO", "TORCH_VERSION", "USE_OPENMP", "USE_MKLDNN", "PERF_WITH_AVX512")
            items = [kv.strip() for kv in line[len("- Build settings:"):].split(",")]
            print("   - Build settings: " + ", ".join(kv for kv in items if kv.startswith(keep)))
        elif any(k in line.upper() for k in ("BLAS", "LAPACK", "MKL", "CPU CAPABILITY", "OPENMP")):
            print("   " + line)
    print(f"presets    : read from {os.path.relpath(resources, ROOT)}")
    print(f"protocol   : warm-up {args.warmup:.1f} s, {args.reps} timed blocks per preset")
    med, lo, hi = mm_check()
    print(f"mm check   : torch.mm 2048x2048 float32: {med:.1f} GFLOP/s median (min {lo:.1f}, max {hi:.1f})")
    print(f"RESULT kind=peak size=2048 gflops={med:.2f} corename={core}")
    for n in presets:
        bench(n, resources, args.threads, args.warmup, args.reps, args.steps)


if __name__ == "__main__":
    main()
