#!/usr/bin/env bash
# Side-by-side step benchmark: groklab (bench/StepBenchmark.java) vs the PyTorch reference
# (bench/pytorch_reference.py), one run, one machine, the same thread count on both sides.
#
#   bench/run.sh            # 1 thread
#   bench/run.sh 2          # 2 threads
#   bench/run.sh 1 --reps 3 --warmup 1    # further arguments go to both sides
#
# Follows shared/BENCHMARKING.md: Debian's /usr/bin/python3 (python3-torch + libopenblas0-openmp), with
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for the PyTorch command only; load recorded with uptime before and
# after. Logs go to bench/out/<date>-t<N>/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

threads=1
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  threads="$1"
  shift
fi
extra=("$@")

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/java}"
if [ -z "$java_bin" ] || ! "$java_bin" -version 2>&1 | grep -q 'version "2[5-9]'; then
  java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
python_bin=/usr/bin/python3

# The jar: core/target/groklab.jar (module layout) or target/groklab.jar (single module); built when missing.
if [ -f core/pom.xml ]; then
  jar=core/target/groklab.jar
  build=(mvn -q -B -DskipTests -pl core -am package)
else
  jar=target/groklab.jar
  build=(mvn -q -B -DskipTests package)
fi
if [ ! -f "$jar" ]; then
  echo "run.sh: building $jar: ${build[*]}" >&2
  "${build[@]}"
fi

out="bench/out/$(date -u +%Y%m%d-%H%M%S)-t$threads"
mkdir -p "$out"
# A private copy of the jar: the main code is being edited and rebuilt while this runs.
cp "$jar" "$out/groklab.jar"

{
  echo "date       : $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "git        : $(git describe --always --dirty 2>/dev/null || echo '?')"
  echo "jar        : $jar of $(date -u -r "$jar" '+%Y-%m-%d %H:%M:%S UTC') (run from a copy in $out/)"
  echo "cpu        : $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs" \
       "($(lscpu | sed -n 's/^Core(s) per socket: *//p') cores/socket," \
       "$(lscpu | sed -n 's/^Thread(s) per core: *//p') thread/core)"
  echo "threads    : $threads"
  echo "uptime before: $(uptime)"
} | tee "$out/header.txt"

echo
echo "==== PyTorch ($python_bin, OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset, OPENBLAS_NUM_THREADS=$threads)"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" "$python_bin" bench/pytorch_reference.py --threads "$threads" \
    --resources "$out/groklab.jar" \
    ${extra[@]+"${extra[@]}"} 2>&1 | tee "$out/pytorch.txt"

echo
echo "==== groklab ($java_bin)"
"$java_bin" --add-modules jdk.incubator.vector -cp "$out/groklab.jar" bench/StepBenchmark.java \
    --threads "$threads" ${extra[@]+"${extra[@]}"} 2>&1 | grep -v '^WARNING: Using incubator modules' \
    | tee "$out/groklab.txt"

echo "uptime after : $(uptime)" | tee -a "$out/header.txt"

# Final table from the RESULT lines of both logs.
awk '
  function field(line, key,   m) { if (match(line, key "=[^ ]+")) return substr(line, RSTART + length(key) + 1, RLENGTH - length(key) - 1); return "" }
  FNR == 1 { side = (FILENAME ~ /pytorch/) ? "pt" : "gl" }
  /^RESULT kind=peak/ { peak[side] = field($0, "gflops"); next }
  /^RESULT kind=step/ {
    p = field($0, "preset")
    if (!(p in seen)) { seen[p] = 1; order[++n] = p }
    med[side, p] = field($0, "ms_median"); lo[side, p] = field($0, "ms_min"); hi[side, p] = field($0, "ms_max")
    ev[side, p] = field($0, "eval_ms"); gf[side, p] = field($0, "gflops")
  }
  END {
    printf "\n==== summary (%s thread(s); ms/step median [min-max] over the timed blocks; ratio = groklab / PyTorch, < 1: groklab faster)\n", threads
    printf "peak: groklab Kernels.matmul 1024^3 %s GFLOP/s; torch.mm 2048^2 %s GFLOP/s\n\n", peak["gl"], peak["pt"]
    printf "%-31s %-27s %-27s %7s %10s %10s %9s %9s\n", "preset", "groklab ms/step", "PyTorch ms/step", "ratio", "gl GFLOP/s", "%torch.mm", "gl eval", "pt eval"
    for (i = 1; i <= n; i++) {
      p = order[i]
      if (!(("gl", p) in med)) {  # a PyTorch-only variant (e.g. gromov-quadratic/onehot)
        printf "%-31s %-27s %-27s %7s %10s %10s %9s %9s\n", p, "-", sprintf("%.3f [%.3f-%.3f]", med["pt", p], lo["pt", p], hi["pt", p]), "-", "-", "-", "-", sprintf("%.2f ms", ev["pt", p])
        continue
      }
      g = sprintf("%.3f [%.3f-%.3f]", med["gl", p], lo["gl", p], hi["gl", p])
      if (("pt", p) in med) {
        t = sprintf("%.3f [%.3f-%.3f]", med["pt", p], lo["pt", p], hi["pt", p]); r = sprintf("%.2f", med["gl", p] / med["pt", p])
        pe = sprintf("%.2f ms", ev["pt", p])
      } else { t = "-"; r = "-"; pe = "-" }
      share = peak["pt"] > 0 ? sprintf("%.1f%%", 100 * gf["gl", p] / peak["pt"]) : "-"
      printf "%-31s %-27s %-27s %7s %10.2f %10s %9s %9s\n", p, g, t, r, gf["gl", p], share, sprintf("%.2f ms", ev["gl", p]), pe
    }
  }' threads="$threads" "$out/groklab.txt" "$out/pytorch.txt" | tee "$out/summary.txt"
echo
echo "logs: $out/"
