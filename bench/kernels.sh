#!/usr/bin/env bash
# Kernel benchmark: groklab's matrix products against torch.mm, same shapes (bench/gemm-shapes.txt), same
# thread count (1), side by side in one run; then, with --jmh, the JMH microbenchmarks of every kernel.
#
#   bench/kernels.sh            # side by side, 5 repetitions per shape, both sides twice (alternating)
#   bench/kernels.sh --jmh      # also JMH (GemmBenchmark, ElementwiseBenchmark, SoftmaxBenchmark, TransposeBenchmark), built with the bench profile
#   bench/kernels.sh --baseline OLD.jar   # also an older build's kernels, in the same rounds (before / after)
#
# Follows shared/BENCHMARKING.md: Debian's /usr/bin/python3 (python3-torch + libopenblas0-openmp), with
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset for the PyTorch command only; the OpenBLAS core it picked is recorded.
# Logs go to bench/out/<date>-kernels/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

jmh=0
baseline=
while [ $# -gt 0 ]; do
  case "$1" in
    --jmh) jmh=1 ;;
    --baseline) baseline="$2"; shift ;;
    *) echo "kernels.sh: unknown argument $1 (expected --jmh, --baseline JAR)" >&2; exit 2 ;;
  esac
  shift
done

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/java}"
if [ -z "$java_bin" ] || ! "$java_bin" -version 2>&1 | grep -q 'version "2[5-9]'; then
  java_bin=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
python_bin=/usr/bin/python3

jar=core/target/groklab.jar
if [ ! -f "$jar" ]; then
  echo "kernels.sh: building $jar" >&2
  mvn -q -B -DskipTests -pl core package
fi
out="bench/out/$(date -u +%Y%m%d-%H%M%S)-kernels"
mkdir -p "$out"
cp "$jar" "$out/groklab.jar"
if [ -n "$baseline" ]; then
  cp "$baseline" "$out/baseline.jar"
fi

{
  echo "date       : $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "git        : $(git describe --always --dirty 2>/dev/null || echo '?')"
  echo "cpu        : $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p')"
  echo "flags      : $(lscpu | grep -o 'avx512f\|avx2\|fma' | sort -u | tr '\n' ' ')"
  echo "java       : $("$java_bin" -version 2>&1 | head -1)"
  echo "torch      : $("$python_bin" -c 'import torch; print(torch.__version__)' 2>/dev/null || echo 'not installed')"
  echo "openblas   : $(dpkg-query -W -f '${Package} ${Version}\n' 'libopenblas0-*' 2>/dev/null | grep -v '^$' | tr '\n' ' ')"
  echo "openblas core (torch side): $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_VERBOSE=2 "$python_bin" -c 'import torch; torch.mm(torch.ones(64,64), torch.ones(64,64))' 2>&1 | grep -i 'core' | head -1)"
  [ -n "$baseline" ] && echo "baseline   : $baseline of $(date -u -r "$baseline" '+%Y-%m-%d %H:%M:%S UTC') (copied to baseline.jar)"
  echo "uptime before: $(uptime)"
} | tee "$out/header.txt"

for round in 1 2; do
  echo "==== round $round: groklab" | tee -a "$out/groklab.txt"
  "$java_bin" --add-modules jdk.incubator.vector -cp "$out/groklab.jar" bench/GemmShapes.java bench/gemm-shapes.txt 5 \
      2>&1 | grep -v '^WARNING: Using incubator modules' | tee -a "$out/groklab.txt"
  if [ -n "$baseline" ]; then
    echo "==== round $round: baseline" | tee -a "$out/baseline.txt"
    "$java_bin" --add-modules jdk.incubator.vector -cp "$out/baseline.jar" bench/GemmShapes.java bench/gemm-shapes.txt 5 \
        baseline 2>&1 | grep -v '^WARNING: Using incubator modules' | tee -a "$out/baseline.txt"
  fi
  if "$python_bin" -c 'import torch' 2>/dev/null; then
    # torch.set_num_threads(1) does not reach the pthread build of OpenBLAS (Debian's default libblas.so.3 here),
    # which otherwise starts one thread per core: OPENBLAS_NUM_THREADS=1 keeps the comparison at one thread
    echo "==== round $round: torch.mm (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset, OPENBLAS_NUM_THREADS=1)" \
        | tee -a "$out/torch.txt"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
        "$python_bin" bench/gemm_torch.py bench/gemm-shapes.txt 5 1 \
        2>&1 | tee -a "$out/torch.txt"
  fi
done
echo "uptime after : $(uptime)" | tee -a "$out/header.txt"

# Table: per shape the median over both rounds' medians (wall and CPU time), and the ratios.
"$python_bin" bench/kernels_table.py "$out/groklab.txt" "$out/torch.txt" ${baseline:+"$out/baseline.txt"} \
    | tee "$out/summary.txt"

if [ "$jmh" = 1 ]; then
  mvn -q -B -P bench -pl bench -am package -DskipTests
  "$java_bin" --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar -rf json -rff "$out/jmh.json" \
      GemmBenchmark ElementwiseBenchmark SoftmaxBenchmark TransposeBenchmark 2>&1 | grep -v '^WARNING: Using incubator modules' | tee "$out/jmh.txt"
  "$python_bin" bench/jmh_table.py "$out/jmh.json" | tee "$out/jmh-summary.txt"
fi
echo
echo "logs: $out/"
