"""torch.mm's side of bench/kernels.sh: GFLOP/s of each product of bench/gemm-shapes.txt, 1 thread by default.

The same method as bench/GemmShapes.java: each repetition runs the product for at least 0.3 s, GFLOP/s from the
wall clock and from the process's CPU time; prints one RESULT line per shape (median [min-max] over repetitions).
The transposed layouts are what a PyTorch user writes: torch.mm(a.t(), b) and torch.mm(a, b.t()) on contiguous
storage, with the output written into a preallocated tensor (out=) as groklab writes into its array.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/gemm_torch.py bench/gemm-shapes.txt [reps] [threads]
"""
import sys
import time

import torch


def stats(key, xs):
    s = sorted(xs)
    return f"{key}_gflops={s[len(s) // 2]:.1f} {key}_min={s[0]:.1f} {key}_max={s[-1]:.1f}"


def main():
    path = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    torch.set_num_threads(threads)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    print("parallel info: " + " | ".join(l.strip() for l in torch.__config__.parallel_info().splitlines()
                                         if "OpenMP" in l or "threads" in l.lower())[:300])
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, layout, m, k, n = line.split()
        m, k, n = int(m), int(k), int(n)
        g = torch.Generator().manual_seed(1)
        if layout == "mm":
            a = torch.rand(m, k, generator=g) * 2 - 1
            b = torch.rand(k, n, generator=g) * 2 - 1
            op = lambda: torch.mm(a, b, out=c)
        elif layout == "tA":
            a = torch.rand(k, m, generator=g) * 2 - 1
            b = torch.rand(k, n, generator=g) * 2 - 1
            op = lambda: torch.mm(a.t(), b, out=c)
        elif layout == "tB":
            a = torch.rand(m, k, generator=g) * 2 - 1
            b = torch.rand(n, k, generator=g) * 2 - 1
            op = lambda: torch.mm(a, b.t(), out=c)
        else:
            raise SystemExit(f"layout {layout}: expected mm, tA or tB")
        c = torch.empty(m, n)
        flops = 2.0 * m * k * n
        calls = 1
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 3.0:
            op()
            calls += 1
        per = max(1, int(calls * 0.1))
        wall, cpu = [], []
        for _ in range(reps):
            c0 = time.process_time()
            w0 = time.perf_counter()
            for _ in range(per):
                op()
            wall.append(flops * per / (time.perf_counter() - w0) / 1e9)
            cpu.append(flops * per / max(time.process_time() - c0, 1e-9) / 1e9)
        print(f"RESULT side=torch name={name} layout={layout} shape={m}x{k}x{n} {stats('wall', wall)} "
              f"{stats('cpu', cpu)}", flush=True)


if __name__ == "__main__":
    main()
