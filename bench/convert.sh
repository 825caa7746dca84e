#!/usr/bin/env bash
# Benchmark: `valuekit convert` CSV -> Arrow -> CSV on a 1M-row transitions table, against pandas
# read_csv/to_csv (Debian python3-pandas) in the same run. Prints seconds and the ratio.
# Usage: bench/convert.sh [ROWS]   (default 1000000; data and outputs go to bench/out/)
set -euo pipefail
source "$(dirname "$0")/transitions-table.sh"
VK=(java --add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED -jar target/valuekit.jar)

ls -l "$DATA" >&2

# Wall and CPU (user+sys) seconds of each whole process: CPU time stays meaningful on a busy machine.
TIMEFORMAT='%R %U %S'
timed() { local out=$1; shift; { time "$@" >/dev/null 2>"$OUT/stderr.log"; } 2>"$out"; }

timed "$OUT/t-vk1" "${VK[@]}" --quiet convert "$DATA" -o "$OUT/vk.arrow"
timed "$OUT/t-vk2" "${VK[@]}" --quiet convert "$OUT/vk.arrow" -o "$OUT/vk-back.csv"
if cmp -s "$DATA" "$OUT/vk-back.csv"; then same="byte-identical"; else same="DIFFERENT"; fi

cat > "$OUT/pandas_convert.py" <<'PY'
import sys, time, pandas as pd
a = time.time()
df = pd.read_csv(sys.argv[1])
b = time.time()
df.to_csv(sys.argv[2], index=False, lineterminator="\r\n")
c = time.time()
print(f"read_csv {b - a:.2f} s, to_csv {c - b:.2f} s")
PY
{ time "$PY" "$OUT/pandas_convert.py" "$DATA" "$OUT/pandas-back.csv" >"$OUT/pandas-inner.txt" 2>"$OUT/stderr.log"; } 2>"$OUT/t-pd"

"$PY" - "$ROWS" "$same" "$OUT" <<'PY'
import sys
rows, same, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
t = lambda n: [float(x) for x in open(f"{out}/{n}").read().split()]
w1, u1, s1 = t("t-vk1"); w2, u2, s2 = t("t-vk2"); wp, up, sp = t("t-pd")
inner = open(f"{out}/pandas-inner.txt").read().strip()
vk_w, vk_c, pd_w, pd_c = w1 + w2, u1 + s1 + u2 + s2, wp, up + sp
print(f"rows: {rows:,}")
print(f"valuekit convert CSV->Arrow {w1:.2f} s + Arrow->CSV {w2:.2f} s = {vk_w:.2f} s wall, {vk_c:.2f} s CPU (round trip {same})")
print(f"pandas read_csv + to_csv, whole process: {pd_w:.2f} s wall, {pd_c:.2f} s CPU ({inner})")
print(f"ratio pandas/valuekit: wall {pd_w / vk_w:.2f}x, CPU {pd_c / vk_c:.2f}x ({'valuekit faster' if vk_w < pd_w else 'pandas faster'} by wall time)")
PY
