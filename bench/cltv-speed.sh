#!/usr/bin/env bash
# Neural CLTV speed: ZILN training epoch time on 1M synthetic customers x 20 features, valuekit versus the
# PyTorch reference bench/peers/ziln.py (same network 20-64-32-3 ReLU, ZILN loss, Adam, batch 512; PyTorch with
# OMP_WAIT_POLICY=PASSIVE, without which its OpenMP pool spins and collapses on a shared machine), and
# scoring throughput and peak memory of 'predict-cltv score' on a large table.
#
# Epoch time: each side trains 2 epochs and the second (warm) epoch's wall time counts; runs alternate
# valuekit, PyTorch, ... ROUNDS times and the best of each side is kept (the machine may be shared).
# Ratio = valuekit seconds / PyTorch seconds (below 1: valuekit is faster).
# Scoring: SCORE_ROWS customers (default 10,000,000) x 20 features in an Arrow file, scored with the
# trained model into an Arrow file with the JVM heap capped (VALUEKIT_JAVA_OPTS, default -Xmx512m: without
# a cap the JVM grows its heap lazily towards a quarter of RAM, which says nothing about what scoring needs);
# rows/s over the whole process and its peak RSS (VmHWM).
#
# Usage: bench/cltv-speed.sh [THREADS (default 1)] [ROUNDS (default 2)] [SCORE_ROWS (default 10000000)]
# Needs: JDK + Maven (offline), Debian's python3-torch and python3-numpy (installed with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${1:-1}
ROUNDS=${2:-2}
SCORE_ROWS=${3:-10000000}
VK=${VALUEKIT:-bin/valuekit}
PY=/usr/bin/python3
W=${KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$W"' EXIT

if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
  echo "installing python3-torch (Debian) ..." >&2
  apt-get install -y python3-torch python3-numpy >&2
fi
mvn -B -q -o test-compile >&2
CPFILE=target/bench-classpath.txt
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=test >&2
CP="target/classes:target/test-classes:$(cat "$CPFILE")"
gen() { java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$CP" dev.valuekit.cltv.bench.CustomerTableGen "$@"; }

[ -f "$W/train.arrow" ] || gen 1000000 20 1 "$W/train.arrow"
second_epoch() { sed -n 's/.*epoch=2 .*seconds=\([0-9.]*\).*/\1/p' | head -1; }

vk=(); pt=()
for ((r = 0; r < ROUNDS; r++)); do
  vk+=("$($VK --threads "$THREADS" predict-cltv fit --method ziln -i "$W/train.arrow" --transform none --max-epochs 2 --seed 1 \
          -o "$W/ziln.safetensors" 2>&1 | second_epoch)")
  pt+=("$(OMP_NUM_THREADS=$THREADS OMP_WAIT_POLICY=PASSIVE "$PY" bench/peers/ziln.py --threads "$THREADS" --epochs 2 | second_epoch)")
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
v=$(best "${vk[@]}"); p=$(best "${pt[@]}")
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# ZILN epoch, 1,000,000 customers x 20 features, batch 512, threads $THREADS (runs: valuekit ${vk[*]} s; torch ${pt[*]} s)"
awk -v v="$v" -v p="$p" 'BEGIN { printf "valuekit %.2f s  pytorch %.2f s  ratio valuekit/pytorch %.2f\n", v, p, v / p }'

[ -f "$W/score.arrow" ] || gen "$SCORE_ROWS" 20 2 "$W/score.arrow"
start=$(date +%s.%N)
VALUEKIT_JAVA_OPTS=${VALUEKIT_JAVA_OPTS:--Xmx512m} $VK --threads "$THREADS" -q predict-cltv score -m "$W/ziln.safetensors" -i "$W/score.arrow" -o "$W/pred.arrow" &
pid=$!
peak=0
# The launcher execs java, so $pid is the JVM; sample its high-water mark until it exits.
while kill -0 "$pid" 2>/dev/null; do
  h=$(sed -n 's/^VmHWM:\s*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$h" ] && [ "$h" -gt "$peak" ] && peak=$h
  sleep 0.2
done
wait "$pid"
end=$(date +%s.%N)
awk -v n="$SCORE_ROWS" -v s="$start" -v e="$end" -v k="$peak" -v sz="$(stat -c %s "$W/score.arrow")" \
  'BEGIN { printf "# score: %d customers (input %.0f MB Arrow)\nscore %.0f rows/s (%.1f s, whole process)  peak RSS %.0f MB\n", n, sz / 1e6, n / (e - s), e - s, k / 1024 }'
