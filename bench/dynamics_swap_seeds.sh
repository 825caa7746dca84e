#!/usr/bin/env bash
# Runs bench/dynamics_swap.sh over several seeds (same budget both sides, each pair from identical initial
# weights, row orders and held-out episodes) and summarises: per metric, mean ± std of each implementation,
# the paired log-ratio valuekit/pytorch (mean ± std, geometric-mean ratio) and an exact sign-flip
# permutation test of it (two-sided p; small p = a systematic difference, large p = rounding chaos only).
# Usage: bench/dynamics_swap_seeds.sh EPOCHS PRECISION SEED...      e.g. bench/dynamics_swap_seeds.sh 5 f32 0 1 2 3
#        bench/dynamics_swap_seeds.sh --summarize FILE...            (outputs of dynamics_swap.sh saved earlier)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--summarize" ]; then
  shift; files=("$@")
else
  epochs=$1; prec=$2; shift 2
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  files=()
  for s in "$@"; do
    "$root/bench/dynamics_swap.sh" "$epochs" "$s" "$prec" 1 > "$work/$s.txt"
    files+=("$work/$s.txt")
  done
fi
/usr/bin/python3 - "${files[@]}" <<'PY'
import itertools, json, math, sys
runs = [json.loads(open(f).read().strip().splitlines()[-1]) for f in sys.argv[1:]]
n = len(runs)
print(f"{n} seeds ({', '.join(str(r['seed']) for r in runs)}), {runs[0]['epochs']} epochs, {runs[0]['precision']}, "
      f"pairs from identical initial weights, row orders and held-out episodes")
def ms(v):
    m = sum(v) / len(v)
    return m, (math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1)) if len(v) > 1 else float("nan"))
print(f"{'metric':13s} {'valuekit mean ± std':>24s} {'pytorch mean ± std':>24s} {'vk/pt geo-ratio':>16s} {'vk better':>9s} {'p (sign-flip)':>13s}")
for k in runs[0]["valuekit"]:
    a = [r["valuekit"][k] for r in runs]; b = [r["pytorch"][k] for r in runs]
    (ma, sa), (mb, sb) = ms(a), ms(b)
    if k == "nll":  # can be negative: paired difference instead of log-ratio
        d = [x - y for x, y in zip(a, b)]; ratio = f"{ms(d)[0]:+.3g} (diff)"
    else:
        d = [math.log(x / y) for x, y in zip(a, b)]; ratio = f"{math.exp(ms(d)[0]):.3f}"
    obs = abs(sum(d))
    flips = [abs(sum(s * x for s, x in zip(signs, d))) for signs in itertools.product((1, -1), repeat=n)]
    p = sum(f >= obs - 1e-12 for f in flips) / len(flips)
    better = sum(x <= y for x, y in zip(a, b))
    print(f"{k:13s} {ma:11.4g} ± {sa:<10.3g} {mb:11.4g} ± {sb:<10.3g} {ratio:>16s} {better:>5d}/{n:<3d} {p:13.3f}")
PY
