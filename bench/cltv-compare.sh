#!/usr/bin/env bash
# Held-out comparison of the CLTV models, all through the CLI at their default options:
# BG/NBD + Gamma-Gamma, Pareto/NBD + Gamma-Gamma, ZILN and OptDist, on three data sets:
#   cdnow-full    ../shared/datasets/cdnow-transactions.txt (23,570 customers)
#   cdnow-sample  ../shared/datasets/cdnow-sample-transactions.txt (2,357 customers)
#   synth-heavy   'predict-cltv synth --customers 5000 --seed 7 --spend heavy' (Pareto-tailed spend, 0.2 % whales),
#                 with its channel and region attributes
# Features: calibration = the first 39 weeks, label ltv = spend in the next 39 weeks (unit week). Protocol per
# seed s = 1..5: 'predict-cltv split --fraction 0.2 --seed s' holds out 20 % of the customers; every model is
# fitted on the other 80 % (the neural ones with --seed s; they hold out 10 % of those for early stopping
# themselves) and scored on the held-out customers (probabilistic models over the 39-week label window).
# Metrics from 'valuekit evaluate cltv' on the held-out customers: MAE, normalised Gini, Spearman; mean ± sd
# over the seeds. Also: whether every prediction is finite and the largest prediction over the largest
# training label (the goal is < 10).
#
# Measured 2026-12-03 on the shared 2-core machine (load ~25), this script's code at commit 201049f; seeds 1-5:
#   dataset       model      MAE            normalized_gini   spearman          max pred/label  finite
#   cdnow-full    bgnbd      32.42 ± 0.74   0.6612 ± 0.0161   0.4205 ± 0.0188   1.17            yes
#   cdnow-full    paretonbd  31.83 ± 0.82   0.6783 ± 0.0162   0.4433 ± 0.0184   1.11            yes
#   cdnow-full    ziln       37.00 ± 1.22   0.7145 ± 0.0146   0.4483 ± 0.0124   1.00            yes
#   cdnow-full    optdist    37.19 ± 1.93   0.7150 ± 0.0136   0.4487 ± 0.0128   1.00            yes
#   cdnow-sample  bgnbd      30.17 ± 2.21   0.6154 ± 0.0744   0.4415 ± 0.0278   0.96            yes
#   cdnow-sample  paretonbd  29.10 ± 2.21   0.6517 ± 0.0602   0.4624 ± 0.0248   0.92            yes
#   cdnow-sample  ziln       36.50 ± 2.38   0.6960 ± 0.0520   0.4561 ± 0.0233   1.00            yes
#   cdnow-sample  optdist    37.04 ± 3.81   0.6880 ± 0.0560   0.4490 ± 0.0345   1.00            yes
#   synth-heavy: only seed 1 of bgnbd (MAE 37.97, Gini 0.7359) and paretonbd (36.18, 0.7261) ran before the
#   session's time ran out; the neural models were not measured there.
# Reading: the neural models rank better than BG/NBD (Gini +0.05 on full CDNOW, +0.07-0.08 on the sample) but
# their MAE is 14 % (full) and 21-23 % (sample) worse: the lognormal mean overshoots the held-out mean spend
# (e.g. 42 vs 33.5 on full CDNOW seed 1), and MAE rewards the shrunken BG/NBD values. So on full CDNOW the goal
# "match BG/NBD in Gini and MAE" holds for Gini and fails for MAE; on the sample the goal "MAE within 1.5x, Gini
# within 0.02" holds. Every prediction is finite and at most the largest training label (bound by construction).
# OptDist vs ZILN, paired per seed: full Gini +0.0005 ± 0.0015, MAE +0.18 ± 1.34; sample Gini -0.0080 ± 0.0076,
# MAE +0.55 ± 1.65: OptDist does not beat ZILN beyond the seed spread.
#
# Usage: bench/cltv-compare.sh [SEEDS (default "1 2 3 4 5")] [DATASETS (default "cdnow-sample synth-heavy cdnow-full")]
# Env: VALUEKIT (default bin/valuekit), KEEP=dir to keep the work files.
set -euo pipefail
cd "$(dirname "$0")/.."
VK=${VALUEKIT:-bin/valuekit}
SEEDS=${1:-1 2 3 4 5}
SETS=${2:-cdnow-sample synth-heavy cdnow-full}
D=../shared/datasets
for f in cdnow-transactions.txt cdnow-sample-transactions.txt; do
  [ -f "$D/$f" ] || { echo "error: $D/$f not found (the shared data sets are needed)" >&2; exit 2; }
done
W=${KEEP:-$(mktemp -d)}
mkdir -p "$W"
[ -z "${KEEP:-}" ] && trap 'rm -rf "$W"' EXIT
RES="$W/results.tsv"
: > "$RES"

features() { # name -> $W/name.csv
  case "$1" in
    cdnow-full) $VK -q predict-cltv features --transactions "$D/cdnow-transactions.txt" --calibration-end 1997-09-30 \
                  --holdout-end 1998-06-30 --unit week -o "$W/$1.csv" ;;
    cdnow-sample) $VK -q predict-cltv features --transactions "$D/cdnow-sample-transactions.txt" --calibration-end 1997-09-30 \
                  --holdout-end 1998-06-30 --unit week -o "$W/$1.csv" ;;
    synth-heavy) $VK -q predict-cltv synth --customers 5000 --seed 7 --spend heavy -o "$W/synth-log.csv"
                 $VK -q predict-cltv features --transactions "$W/synth-log.csv" --attributes channel,region \
                  --calibration-end 2024-09-29 --holdout-end 2025-06-29 --unit week -o "$W/$1.csv" ;;
  esac
}

row() { # dataset model seed predictions test train
  $VK evaluate cltv --predictions "$4" --truth "$5" --json | python3 -c '
import csv, json, math, sys
d = json.load(sys.stdin)["all"]
pred = [float(r["predicted_ltv"]) for r in csv.DictReader(open(sys.argv[1]))]
top = max(float(r["ltv"]) for r in csv.DictReader(open(sys.argv[2])))
finite = all(math.isfinite(p) for p in pred)
print("\t".join([sys.argv[3], sys.argv[4], sys.argv[5], repr(d["mae"]), repr(d["normalized_gini"]), repr(d["spearman"]),
                 repr(max(pred) / top), str(int(finite))]))' "$4" "$6" "$1" "$2" "$3" >> "$RES"
}

for set in $SETS; do
  features "$set"
  for s in $SEEDS; do
    $VK -q predict-cltv split -i "$W/$set.csv" --fraction 0.2 --seed "$s" --train-output "$W/tr.csv" --test-output "$W/te.csv"
    for m in bgnbd paretonbd ziln optdist; do
      opts=()
      case $m in ziln|optdist) opts=(--seed "$s") ;; esac
      $VK -q predict-cltv fit --method "$m" -i "$W/tr.csv" "${opts[@]}" -o "$W/m.safetensors" 2>> "$W/warnings.txt"
      sopts=()
      case $m in bgnbd|paretonbd) sopts=(--horizon 39) ;; esac
      $VK -q predict-cltv score -m "$W/m.safetensors" -i "$W/te.csv" "${sopts[@]}" -o "$W/p.csv"
      row "$set" "$m" "$s" "$W/p.csv" "$W/te.csv" "$W/tr.csv"
    done
    echo "$set seed $s done" >&2
  done
done

python3 - "$RES" <<'PY'
import sys, statistics as st
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {}
for s, m, seed, mae, gini, sp, ratio, fin in rows:
    by.setdefault((s, m), []).append((int(seed), float(mae), float(gini), float(sp), float(ratio), int(fin)))
def ms(v):
    return "%9.4f ± %.4f" % (st.mean(v), st.stdev(v) if len(v) > 1 else 0.0)
print("# held-out customers (20 %% per seed), seeds %s, default options" % " ".join(sorted({r[2] for r in rows}, key=int)))
print("%-13s %-10s %19s %19s %19s %13s %7s" % ("dataset", "model", "MAE", "normalized_gini", "spearman", "max pred/label", "finite"))
for (s, m), v in by.items():
    print("%-13s %-10s %19s %19s %19s %13.3f %7s" % (s, m, ms([x[1] for x in v]), ms([x[2] for x in v]), ms([x[3] for x in v]),
          max(x[4] for x in v), "yes" if all(x[5] for x in v) else "NO"))
print("# per seed: dataset model seed mae gini spearman")
for (s, m), v in by.items():
    for x in v: print("  %-13s %-10s %d %.4f %.4f %.4f" % (s, m, x[0], x[1], x[2], x[3]))
print("# goals (from the means; 'within' = MAE <= 1.5 x BG/NBD and Gini >= BG/NBD - 0.02)")
for s in dict.fromkeys(k[0] for k in by):
    if (s, "bgnbd") not in by: continue
    bg = by[(s, "bgnbd")]
    bmae, bgini = st.mean(x[1] for x in bg), st.mean(x[2] for x in bg)
    for m in ("ziln", "optdist"):
        if (s, m) not in by: continue
        v = by[(s, m)]
        mae, gini = st.mean(x[1] for x in v), st.mean(x[2] for x in v)
        if s == "cdnow-full":
            ok = mae <= bmae and gini >= bgini
            print("  %-13s %-8s matches BG/NBD (MAE %.2f vs %.2f, Gini %.4f vs %.4f): %s" % (s, m, mae, bmae, gini, bgini, "yes" if ok else "NO"))
        else:
            ok = mae <= 1.5 * bmae and gini >= bgini - 0.02
            print("  %-13s %-8s within 1.5x MAE / 0.02 Gini of BG/NBD (MAE %.2f vs %.2f, Gini %.4f vs %.4f): %s" % (s, m, mae, bmae, gini, bgini, "yes" if ok else "NO"))
    if (s, "ziln") in by and (s, "optdist") in by:
        z = {x[0]: x for x in by[(s, "ziln")]}; o = {x[0]: x for x in by[(s, "optdist")]}
        common = sorted(set(z) & set(o))
        dg = [o[k][2] - z[k][2] for k in common]; dm = [o[k][1] - z[k][1] for k in common]
        print("  %-13s OptDist - ZILN per seed: Gini %+.4f ± %.4f, MAE %+.3f ± %.3f (paired over %d seeds)" % (
            s, st.mean(dg), st.stdev(dg) if len(dg) > 1 else 0, st.mean(dm), st.stdev(dm) if len(dm) > 1 else 0, len(dg)))
PY
