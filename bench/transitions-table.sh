# Sourced by the table-format benchmarks (convert.sh, parquet.sh): the shared set-up. Goes to the repo
# root, makes bench/out/, makes sure pandas (the reference peer) and the jar exist, and generates the
# ROWS-row transitions table once (cached as $DATA, so both benchmarks time the same input).
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${1:-1000000}
OUT=bench/out
mkdir -p "$OUT"
PY=/usr/bin/python3
if ! "$PY" -c 'import pandas' 2>/dev/null; then
  echo "installing python3-pandas (the reference peer)..." >&2
  apt-get install -y python3-pandas >/dev/null
fi
[ -f target/valuekit.jar ] || mvn -B -q -o package -DskipTests
DATA="$OUT/transitions-$ROWS.csv"
[ -f "$DATA" ] || "$PY" bench/make_transitions.py "$ROWS" "$DATA"
