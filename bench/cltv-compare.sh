#!/usr/bin/env bash
# CDNOW comparison of BG/NBD + Gamma-Gamma, ZILN and OptDist (both --sub-loss variants), all through the CLI.
#
# Data: ../shared/datasets/cdnow-transactions.txt; features over the first 39 weeks (1997-01-01 ..
# 1997-09-30), label ltv = spend in the next 39 weeks (1997-10-01 .. 1998-06-30), unit week.
# Protocol: 5-fold cross-validation over customers, one fold per seed: seed s (1..5) tests on the
# customers with customer_id mod 5 == s - 1 and fits every model on the other four fifths (the neural
# models with --seed s). BG/NBD predicts spend over the 39-week holdout (--horizon 39). Metrics from
# 'valuekit evaluate cltv' on the test fold (all customers): normalized Gini and Spearman, mean and
# standard deviation over the 5 seeds.
#
# Usage: bench/cltv-compare.sh [EPOCHS (default: fit's default)] [extra fit options for the neural models...]
# Env: VALUEKIT (default bin/valuekit), KEEP=dir to keep the work files.
set -euo pipefail
cd "$(dirname "$0")/.."
VK=${VALUEKIT:-bin/valuekit}
LOG=../shared/datasets/cdnow-transactions.txt
[ -f "$LOG" ] || { echo "error: $LOG not found (the shared data sets are needed)" >&2; exit 2; }
EPOCHS=${1:-}
shift || true
EXTRA=("$@")
[ -n "$EPOCHS" ] && EXTRA=(--epochs "$EPOCHS" "${EXTRA[@]}")
W=${KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$W"' EXIT

$VK -q predict-cltv features --transactions "$LOG" --calibration-end 1997-09-30 --holdout-end 1998-06-30 \
  --unit week --format csv -o "$W/all.csv"

metrics() { # predictions truth -> "gini spearman"
  $VK evaluate cltv --predictions "$1" --truth "$2" --json |
    python3 -c 'import json,sys; d=json.load(sys.stdin)["all"]; print(d["normalized_gini"], d["spearman"])'
}

RES="$W/results.txt"
: > "$RES"
for s in 1 2 3 4 5; do
  f=$((s - 1))
  awk -F, -v f=$f 'NR==1 || ($1 % 5) != f' "$W/all.csv" > "$W/train$s.csv"
  awk -F, -v f=$f 'NR==1 || ($1 % 5) == f' "$W/all.csv" > "$W/test$s.csv"
  $VK -q predict-cltv fit --method bgnbd -i "$W/train$s.csv" -o "$W/bg$s.safetensors" 2>/dev/null
  $VK -q predict-cltv score -m "$W/bg$s.safetensors" -i "$W/test$s.csv" --horizon 39 -o "$W/bg$s.csv"
  echo "bgnbd+gg $s $(metrics "$W/bg$s.csv" "$W/test$s.csv")" >> "$RES"
  for m in ziln optdist:all optdist:weighted; do
    model=${m%%:*}
    opts=(--seed "$s")
    [ "$model" = optdist ] && opts+=(--sub-loss "${m#*:}")
    tag=${m/:/-}
    $VK -q predict-cltv fit --method "$model" -i "$W/train$s.csv" "${opts[@]}" "${EXTRA[@]}" -o "$W/$tag$s.safetensors"
    $VK -q predict-cltv score -m "$W/$tag$s.safetensors" -i "$W/test$s.csv" -o "$W/$tag$s.csv"
    echo "$m $s $(metrics "$W/$tag$s.csv" "$W/test$s.csv")" >> "$RES"
  done
  echo "seed $s done" >&2
done

echo "# CDNOW, 39+39 weeks, 5 folds/seeds, test-fold metrics (mean ± sd); neural options: ${EXTRA[*]:-defaults}"
awk '{ g[$1] += $3; gg[$1] += $3 * $3; r[$1] += $4; rr[$1] += $4 * $4; n[$1]++; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
  END {
    printf "%-18s %18s %18s\n", "model", "normalized_gini", "spearman"
    for (i = 1; i <= k; i++) { m = order[i]; c = n[m]
      sg = sqrt((gg[m] - g[m] * g[m] / c) / (c - 1)); sr = sqrt((rr[m] - r[m] * r[m] / c) / (c - 1))
      printf "%-18s %11.4f ± %.4f %11.4f ± %.4f\n", m, g[m] / c, sg, r[m] / c, sr }
  }' "$RES"
echo "# per seed:"
sort -k2,2n -k1,1 "$RES" | awk '{ printf "  seed %s %-18s gini %.4f spearman %.4f\n", $2, $1, $3, $4 }'
