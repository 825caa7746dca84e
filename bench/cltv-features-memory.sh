#!/usr/bin/env bash
# Peak memory of 'predict-cltv features' on a big synthetic log: 2,000,000 customers, about 5.2M purchases
# ('predict-cltv synth --seed 11'), calibration to 2024-09-29, label to 2025-06-29.
#
# Prints, per jar: peak RSS (GNU time) at -Xmx3g, and whether the run completes with a small heap
# (-Xmx700m by default), which is what "fits a laptop" means for a garbage-collected process. The log is
# generated once and reused from $KEEP. To compare with an older build, pass its jar as BEFORE.
#
# Measured 2026-12-03 on the shared 2-core machine (5,243,735 purchases, 2M customers), identical output files:
#   before (commit 5e6a919): peak RSS 1,631,864 kB at -Xmx3g (311 bytes/purchase); -Xmx700m: OutOfMemoryError
#   after:                   peak RSS 1,448,024 kB at -Xmx3g; -Xmx700m: completes, peak RSS 785,808 kB (150 bytes/purchase
#                            all in: the compact log is 16 bytes/purchase + 4 for the grouping order, the rest is
#                            per-customer state: id strings, the id dictionary, the 14 feature columns)
# At -Xmx3g the collector lets the heap grow before collecting, so RSS there says little about what is needed.
#
# Usage: bench/cltv-features-memory.sh [CUSTOMERS (default 2000000)]
# Env: JAR (default target/valuekit.jar), BEFORE (an older jar to measure the same way), SMALL_HEAP (default 700m),
#      KEEP=dir to keep the log (default: a temp dir, removed).
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${1:-2000000}
JAR=${JAR:-target/valuekit.jar}
SMALL=${SMALL_HEAP:-700m}
[ -f "$JAR" ] || bin/valuekit --version > /dev/null
W=${KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$W"' EXIT
LOG="$W/log-$CUSTOMERS.csv"
[ -f "$LOG" ] || java -Xmx2g -jar "$JAR" -q predict-cltv synth --customers "$CUSTOMERS" --seed 11 -o "$LOG"
ROWS=$(($(wc -l < "$LOG") - 1))

run() { # jar heap -> "peak_kB exit_status"
  /usr/bin/time -v java "-Xmx$2" -XX:+UseParallelGC -jar "$1" -q predict-cltv features --transactions "$LOG" \
      --calibration-end 2024-09-29 --holdout-end 2025-06-29 -o "$W/out.csv" 2> "$W/time.txt" > /dev/null || true
  echo "$(awk '/Maximum resident/ {print $6}' "$W/time.txt") $(awk '/Exit status/ {print $3}' "$W/time.txt")"
}

echo "# predict-cltv features: $ROWS purchases of $CUSTOMERS customers"
printf '%-28s %16s %12s %22s\n' jar "peak RSS -Xmx3g" "bytes/row" "-Xmx$SMALL"
for j in ${BEFORE:-} "$JAR"; do
  read -r big _ <<< "$(run "$j" 3g)"
  read -r small status <<< "$(run "$j" "$SMALL")"
  verdict=$([ "$status" = 0 ] && echo "ok, peak ${small} kB" || echo "fails (exit $status)")
  printf '%-28s %13s kB %12d %22s\n' "$(basename "$j")" "$big" $((big * 1024 / ROWS)) "$verdict"
done
