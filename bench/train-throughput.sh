#!/usr/bin/env bash
# Training throughput of the MBPO dynamics ensemble (7 members x 4x200 SiLU, Gaussian NLL with learned
# log-variance bounds, Adam with per-layer weight decay, batch 256, 20,000 rows) in valuekit versus the
# PyTorch reference bench/peers/mbpo_ensemble.py, at 1 and 2 threads, in one invocation.
#
# Runs are interleaved (valuekit, PyTorch, valuekit, PyTorch, ...) ROUNDS times per thread count and the
# best run of each side is kept, so background load hits both alike. Reported: rows/s per wall-clock
# second (the headline), rows per second of process CPU time (steadier on a shared machine), and the
# valuekit/PyTorch ratio of each. rows/s = optimiser steps/s x 256 (each member sees 256 rows per step).
#
# PyTorch runs with OMP_NUM_THREADS=N, OPENBLAS_NUM_THREADS=1 and OMP_WAIT_POLICY=PASSIVE: its own
# OpenMP pool spreads the batched matmul over members (as valuekit does), and passive waiting keeps it
# from collapsing when the machine is shared; this was its fastest setting here.
#
# Usage: bench/train-throughput.sh [SECONDS_PER_RUN (default 10)] [ROUNDS (default 3)]
# Needs: a JDK and Maven (offline), Debian's python3-torch (installed with apt-get if missing) and an
# optimised BLAS for it (libopenblas0; Debian's default reference BLAS would make the peer ~15x slower).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-3}
PY=/usr/bin/python3

if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
  echo "installing python3-torch (Debian) ..." >&2
  apt-get install -y python3-torch python3-numpy libopenblas0-pthread >&2
fi
if ! ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 >/dev/null 2>&1; then
  echo "warning: no OpenBLAS for PyTorch (apt-get install libopenblas0-pthread); the peer will be slow" >&2
fi

mvn -B -q -o test-compile >&2
CPFILE=target/bench-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=test >&2
CP="target/classes:target/test-classes:$(cat "$CPFILE")"

run_vk() { # threads
  OMP_NUM_THREADS=$1 OPENBLAS_NUM_THREADS=$1 java -Xmx2g -cp "$CP" dev.valuekit.tensor.bench.TrainThroughput \
    --threads "$1" --seconds "$SECONDS_PER_RUN" 2>/dev/null | grep '^rows_per_s='
}
run_pt() { # threads
  OMP_NUM_THREADS=$1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    "$PY" bench/peers/mbpo_ensemble.py --threads "$1" --seconds "$SECONDS_PER_RUN" | grep '^rows_per_s='
}
field() { sed -n "s/.*\<$1=\([0-9.]*\).*/\1/p"; }
best() { sort -g | tail -1; }

echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %14s %14s %7s %16s %16s %7s\n' threads vk_rows/s torch_rows/s ratio vk_cpu_rows/s torch_cpu_rows/s ratio
for t in 1 2; do
  vk=(); pt=()
  for ((r = 0; r < ROUNDS; r++)); do
    vk+=("$(run_vk "$t")")
    pt+=("$(run_pt "$t")")
  done
  vw=$(printf '%s\n' "${vk[@]}" | field rows_per_s | best)
  vc=$(printf '%s\n' "${vk[@]}" | field cpu_rows_per_s | best)
  pw=$(printf '%s\n' "${pt[@]}" | field rows_per_s | best)
  pc=$(printf '%s\n' "${pt[@]}" | field cpu_rows_per_s | best)
  awk -v t="$t" -v vw="$vw" -v pw="$pw" -v vc="$vc" -v pc="$pc" \
    'BEGIN { printf "%-8s %14.0f %14.0f %7.2f %16.0f %16.0f %7.2f\n", t, vw, pw, vw / pw, vc, pc, vc / pc }'
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
