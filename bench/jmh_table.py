"""Tables from the JMH results of bench/kernels.sh --jmh (jmh.json): GemmBenchmark as GFLOP/s per shape,
ElementwiseBenchmark as microseconds per call, vector against plain.

    python3 bench/jmh_table.py OUT_DIR/jmh.json
"""
import json
import sys


def main():
    runs = json.load(open(sys.argv[1]))
    print("| product (layout m k n) | µs per product | GFLOP/s (wall clock) |")
    print("| --- | --- | --- |")
    elementwise = {}
    for r in runs:
        name = r["benchmark"].rsplit(".", 1)
        p = r.get("params", {})
        score = r["primaryMetric"]["score"]
        err = r["primaryMetric"]["scoreError"]
        if name[0].endswith("GemmBenchmark"):
            layout, m, k, n = p["shape"].split()
            flops = 2.0 * int(m) * int(k) * int(n)
            print(f"| {p['shape']} | {score:.1f} ± {err:.1f} | {flops / score / 1e3:.1f} |")
        else:
            elementwise.setdefault((name[1], p["len"]), {})[p["kernels"]] = (score, err)
    print()
    print("| operation | elements | vector µs | plain µs | plain / vector |")
    print("| --- | --- | --- | --- | --- |")
    for (op, length), sides in elementwise.items():
        v = sides.get("vector", (float("nan"), 0))
        q = sides.get("plain", (float("nan"), 0))
        print(f"| {op} | {length} | {v[0]:.1f} ± {v[1]:.1f} | {q[0]:.1f} ± {q[1]:.1f} | {q[0] / v[0]:.1f}x |")


if __name__ == "__main__":
    main()
