"""The table of bench/kernels.sh from its logs: per product the median over the rounds of each side's median
GFLOP/s (wall clock and CPU time), groklab / torch.mm, and both against the FMA peak (CPU time); with a baseline
log (bench/kernels.sh --baseline), also the older build's CPU-time figure and new / old.

    python3 bench/kernels_table.py OUT_DIR/groklab.txt OUT_DIR/torch.txt [OUT_DIR/baseline.txt]
"""
import statistics
import sys


def main():
    rows, order = {}, []
    for path in sys.argv[1:]:
        try:
            lines = open(path).read().splitlines()
        except FileNotFoundError:
            continue
        for line in lines:
            if not line.startswith("RESULT"):
                continue
            f = dict(kv.split("=", 1) for kv in line.split()[1:])
            key = (f["name"], f["layout"], f["shape"])
            if key not in rows:
                rows[key] = {}
                order.append(key)
            rows[key].setdefault(f["side"], []).append((float(f["wall_gflops"]), float(f["cpu_gflops"])))

    def med(xs, i):
        return statistics.median(x[i] for x in xs) if xs else float("nan")

    peak_key = next((k for k in order if k[0] == "fma-peak"), None)
    peak = med(rows[peak_key]["groklab"], 1) if peak_key else float("nan")
    print(f"FMA peak (vector FMA chains, CPU time): {peak:.1f} GFLOP/s")
    with_base = any("baseline" in r for r in rows.values())
    head = ("product", "layout", "m x k x n", "groklab wall", "torch wall", "groklab cpu", "torch cpu", "gl/torch",
            "gl/peak", "torch/peak") + (("before cpu", "after/before") if with_base else ())
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" * len(head))
    for key in order:
        if key == peak_key:
            continue
        g = rows[key].get("groklab", [])
        t = rows[key].get("torch", [])
        gw, gc, tw, tc = med(g, 0), med(g, 1), med(t, 0), med(t, 1)
        line = (f"| {key[0]} | {key[1]} | {key[2]} | {gw:.1f} | {tw:.1f} | {gc:.1f} | {tc:.1f} | "
                f"{100 * gc / tc:.0f}% | {100 * gc / peak:.0f}% | {100 * tc / peak:.0f}% |")
        if with_base:
            bc = med(rows[key].get("baseline", []), 1)
            line += f" {bc:.1f} | {gc / bc:.2f}x |"
        print(line)


if __name__ == "__main__":
    main()
