#!/usr/bin/env bash
# Benchmark: `valuekit convert` CSV -> Arrow -> CSV on a 1M-row transitions table, against pandas
# read_csv/to_csv (Debian python3-pandas) in the same run. Prints seconds and the ratio.
# Usage: bench/convert.sh [ROWS]   (default 1000000; data and outputs go to bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
OUT=bench/out
mkdir -p "$OUT"
PY=/usr/bin/python3
if ! "$PY" -c 'import pandas' 2>/dev/null; then
  echo "installing python3-pandas (the reference peer)..." >&2
  apt-get install -y python3-pandas >/dev/null
fi
if [ ! -f target/valuekit.jar ]; then
  mvn -B -q -o package -DskipTests
fi
VK=(java --add-opens=java.base/java.nio=org.apache.arrow.memory.core,ALL-UNNAMED -jar target/valuekit.jar)

DATA="$OUT/transitions-$ROWS.csv"
if [ ! -f "$DATA" ]; then
  echo "generating $DATA (seeded)..." >&2
  "$PY" - "$ROWS" "$DATA" <<'PY'
import sys, numpy as np, pandas as pd
rows, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(12345)
# Pendulum-like transitions: float32 observations written as float64 (like ../shared/datasets).
f32 = lambda a: a.astype(np.float32).astype(np.float64)
obs = f32(rng.uniform(-1, 1, (rows, 3)) * [1, 1, 8])
act = f32(rng.uniform(-2, 2, (rows, 1)))
nxt = f32(obs + rng.normal(0, 0.05, (rows, 3)))
df = pd.DataFrame({"episode": np.arange(rows) // 200, "step": np.arange(rows) % 200})
for i in range(3): df[f"obs_{i}"] = obs[:, i]
df["act_0"] = act[:, 0]
df["reward"] = f32(-(obs[:, 0] ** 2) - 0.1 * obs[:, 2] ** 2 - 0.001 * act[:, 0] ** 2)
for i in range(3): df[f"next_obs_{i}"] = nxt[:, i]
df["terminated"] = 0
df["truncated"] = (df["step"] == 199).astype(int)
df.to_csv(path, index=False, lineterminator="\r\n")
PY
fi
ls -l "$DATA" >&2

now() { date +%s.%N; }
t0=$(now)
"${VK[@]}" --quiet convert "$DATA" -o "$OUT/vk.arrow"
t1=$(now)
"${VK[@]}" --quiet convert "$OUT/vk.arrow" -o "$OUT/vk-back.csv"
t2=$(now)
if cmp -s "$DATA" "$OUT/vk-back.csv"; then same="byte-identical"; else same="DIFFERENT"; fi

t3=$(now)
"$PY" - "$DATA" "$OUT/pandas-back.csv" <<'PY'
import sys, time, pandas as pd
a = time.time()
df = pd.read_csv(sys.argv[1])
b = time.time()
df.to_csv(sys.argv[2], index=False, lineterminator="\r\n")
c = time.time()
print(f"  (pandas inside the process: read_csv {b - a:.2f} s, to_csv {c - b:.2f} s)")
PY
t4=$(now)

"$PY" - "$ROWS" "$t0" "$t1" "$t2" "$t3" "$t4" "$same" <<'PY'
import sys
rows = int(sys.argv[1]); t0, t1, t2, t3, t4 = map(float, sys.argv[2:7]); same = sys.argv[7]
vk, pd_ = t2 - t0, t4 - t3
print(f"rows: {rows:,}")
print(f"valuekit convert CSV->Arrow {t1 - t0:.2f} s + Arrow->CSV {t2 - t1:.2f} s = {vk:.2f} s (round trip {same})")
print(f"pandas read_csv + to_csv (whole process): {pd_:.2f} s")
print(f"ratio pandas/valuekit: {pd_ / vk:.2f}x ({'valuekit faster' if vk < pd_ else 'pandas faster'})")
PY
