#!/usr/bin/env bash
# Benchmark: Parquet conversions of a 1M-row transitions table (the table bench/convert.sh makes),
# against valuekit's own Arrow IPC conversions and pandas (Debian python3-pandas) in the same run.
# pyarrow/fastparquet, the usual Python Parquet peers, are not packaged in Debian 12 (apt-cache policy
# python3-pyarrow: no candidate), so pandas cannot write Parquet here; its CSV read/write is the peer.
# Prints CPU seconds (user+sys of each whole process: meaningful on a busy machine) and ratios.
# Usage: bench/parquet.sh [ROWS]   (default 1000000; data and outputs go to bench/out/)
set -euo pipefail
source "$(dirname "$0")/transitions-table.sh"
VK=(java -Xmx2g --add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED -jar target/valuekit.jar --quiet)

TIMEFORMAT='%R %U %S'
cpu() { local name=$1; shift; { time "$@" >/dev/null 2>"$OUT/stderr.log"; } 2>"$OUT/t-$name"; awk '{print $2 + $3}' "$OUT/t-$name"; }

small="$OUT/small.csv"; head -n 11 "$DATA" >"$small"
vk_small_arrow=$(cpu sa "${VK[@]}" convert "$small" -o "$OUT/small.arrow")
vk_small_pq=$(cpu sp "${VK[@]}" convert "$small" -o "$OUT/small.parquet")
vk_csv_arrow=$(cpu ca "${VK[@]}" convert "$DATA" -o "$OUT/pq-vk.arrow")
vk_csv_pq=$(cpu cp "${VK[@]}" convert "$DATA" -o "$OUT/pq-vk.parquet")
vk_arrow_csv=$(cpu ac "${VK[@]}" convert "$OUT/pq-vk.arrow" -o "$OUT/pq-back-arrow.csv")
vk_pq_csv=$(cpu pc "${VK[@]}" convert "$OUT/pq-vk.parquet" -o "$OUT/pq-back.csv")
vk_pq_arrow=$(cpu pa "${VK[@]}" convert "$OUT/pq-vk.parquet" -o "$OUT/pq-again.arrow")
vk_arrow_pq=$(cpu ap "${VK[@]}" convert "$OUT/pq-vk.arrow" -o "$OUT/pq-again.parquet")
if cmp -s "$DATA" "$OUT/pq-back.csv"; then same="byte-identical"; else same="DIFFERENT"; fi
pd_csv=$(cpu pd "$PY" -c 'import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_csv(sys.argv[2], index=False)' "$DATA" "$OUT/pd.csv")

"$PY" - <<PY
rows = $ROWS
print(f"rows: {rows:,}; CPU seconds of whole processes (start-up included)")
print(f"tiny table start-up: CSV->Arrow $vk_small_arrow s, CSV->Parquet $vk_small_pq s (ratio {$vk_small_pq / $vk_small_arrow:.2f})")
print(f"CSV->Parquet $vk_csv_pq s vs CSV->Arrow $vk_csv_arrow s: ratio {$vk_csv_pq / $vk_csv_arrow:.2f}")
print(f"Parquet->CSV $vk_pq_csv s vs Arrow->CSV $vk_arrow_csv s: ratio {$vk_pq_csv / $vk_arrow_csv:.2f} (round trip $same)")
print(f"Parquet->Arrow $vk_pq_arrow s, Arrow->Parquet $vk_arrow_pq s (the Parquet codec cost without CSV text)")
print(f"pandas read_csv+to_csv $pd_csv s; ratio pandas / valuekit CSV->Parquet->CSV: {$pd_csv / ($vk_csv_pq + $vk_pq_csv):.2f}")
import os
print(f"file sizes: CSV {os.path.getsize('$DATA') / 1e6:.1f} MB, Arrow {os.path.getsize('$OUT/pq-vk.arrow') / 1e6:.1f} MB, Parquet (snappy) {os.path.getsize('$OUT/pq-vk.parquet') / 1e6:.1f} MB")
PY
