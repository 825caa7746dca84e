#!/usr/bin/env bash
# SVD speed: valuekit (ND4J + OpenBLAS LAPACK) against NumPy and PyTorch in the same run.
#   full SVD of an N x N f64 matrix (default 1024) and randomized SVD of an M x M matrix, rank K
#   (default 4096, 16; oversampling 10, 2 power iterations). Median of REPS runs after a warm-up.
# Usage: bench/svd.sh [N] [M] [K] [REPS]     env THREADS (default: nproc) bounds every side's threads.
# Prints each side's times and the ratios valuekit / peer (below 1: valuekit is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1024}; M=${2:-4096}; K=${3:-16}; REPS=${4:-3}
THREADS=${THREADS:-$(nproc)}
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS

PY=/usr/bin/python3
if ! $PY -c 'import numpy, torch' 2>/dev/null; then
  echo "installing Debian python3-numpy python3-torch" >&2
  apt-get install -y -q python3-numpy python3-torch >&2
fi

mvn -B -o -q test-compile >&2
CP_FILE=target/bench-classpath.txt
[ -s "$CP_FILE" ] || mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >&2
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

java -Xmx6g -cp "target/classes:target/test-classes:$(cat "$CP_FILE")" dev.valuekit.adapt.SvdBench "$N" "$M" "$K" "$REPS" \
  2>&1 | grep '^valuekit ' >>"$OUT"
$PY bench/peers/svd.py "$N" "$M" "$K" "$REPS" "$THREADS" >>"$OUT"

echo "threads=$THREADS reps=$REPS (median seconds; check = max reconstruction error for full SVD, sigma_1 spread over two seeds for randomized)"
printf '%-10s %-34s %10s %10s\n' side case seconds check
awk '{printf "%-10s %-34s %10s %10s\n", $1, $2, $3, $4}' "$OUT"
echo "ratios (valuekit time / peer time):"
awk '$1=="valuekit"{v[$2]=$3} $1!="valuekit"{p[$1" "$2]=$3}
     END{for (k in p){split(k, a, " "); if (a[2] in v) printf "  %-34s vs %-6s %6.2f\n", a[2], a[1], v[a[2]]/p[k]}}' "$OUT" | sort
