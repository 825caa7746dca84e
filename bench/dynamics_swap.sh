#!/usr/bin/env bash
# Swap test: valuekit train-model and the PyTorch reference (bench/peers/mbpo_reference.py) trained from the
# SAME initial weights, the SAME per-member minibatch row orders and the SAME holdout split (valuekit writes
# them with the hidden `train-model --trace-dir`, the reference replays them with `--swap`). What is left
# between the two is the order of floating-point operations, so:
#   * per-step training loss: in f64 the two agree to ~1e-13 relative for the first epoch; the first step
#     where they part by more than TOL points at a difference in the math (loss, clamp, penalty, Adam, decay);
#   * held-out metrics after the budget: both evaluated on the same held-out rows, each with its own
#     evaluator; their spread over seeds is the noise of the recipe itself (training is chaotic: rounding
#     differences grow to O(1) within a few epochs).
# Usage: bench/dynamics_swap.sh [MAX_EPOCHS=2] [SEED=0] [PRECISION=f64] [THREADS=1] [TOL=1e-10 for f64, 1e-5 for f32]
# Last line: one JSON object (for loops over seeds).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
epochs=${1:-2}; seed=${2:-0}; prec=${3:-f64}; threads=${4:-1}
tol=${5:-$([ "$prec" = f32 ] && echo 1e-5 || echo 1e-10)}
data="$root/../shared/datasets/pendulum-random.csv"
py=/usr/bin/python3
"$py" -c 'import torch, numpy' 2>/dev/null || { echo "needs Debian's python3-torch and python3-numpy: apt-get install -y python3-torch python3-numpy" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
vk="$root/bin/valuekit"

"$vk" --threads "$threads" train-model -i "$data" -o "$work/vk.safetensors" --seed "$seed" --max-epochs "$epochs" \
  --precision "$prec" --trace-dir "$work/trace" -q
"$py" - "$data" "$work/trace/holdout_rows.npy" "$work/heldout.csv" <<'PY'
import sys, numpy as np
data, rows, out = sys.argv[1], set(np.load(sys.argv[2]).tolist()), sys.argv[3]
with open(data) as f, open(out, "w") as o:
    o.write(f.readline())
    for i, line in enumerate(f):
        if i in rows:
            o.write(line)
PY
"$vk" --threads "$threads" evaluate model -q --model "$work/vk.safetensors" --input "$work/heldout.csv" --k 1,5,10,25 --json > "$work/vk.json"
"$py" "$root/bench/peers/mbpo_reference.py" "$data" --swap "$work/trace" --precision "$prec" --threads "$threads" \
  --max-epochs "$epochs" > "$work/torch.json" 2> "$work/torch.err" || { cat "$work/torch.err" >&2; exit 1; }
"$py" - "$work" "$seed" "$epochs" "$prec" "$tol" <<'PY'
import json, sys
import numpy as np
work, seed, epochs, prec, tol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
load = lambda p: np.loadtxt(p, delimiter=",", skiprows=1, ndmin=2)
a, b = load(f"{work}/trace/steps.csv"), load(f"{work}/trace/torch_steps.csv")
n = min(len(a), len(b))
rel = np.abs(a[:n, 2] - b[:n, 2]) / np.maximum(np.abs(b[:n, 2]), 1e-300)
over = np.nonzero(rel > tol)[0]
first = None if len(over) == 0 else int(over[0])
ha, hb = load(f"{work}/trace/holdout.csv"), load(f"{work}/trace/torch_holdout.csv")
print(f"pendulum-random.csv, seed {seed}, {prec}, identical initial weights, row orders and holdout ({n} steps compared)")
for e in sorted(set(a[:n, 0].astype(int))):
    m = a[:n, 0] == e
    hm = ha[:, 0] == e
    hrel = np.abs(ha[hm, 2] - hb[hb[:, 0] == e, 2]) / hb[hb[:, 0] == e, 2] if hm.any() and (hb[:, 0] == e).any() else [np.nan]
    print(f"  epoch {e}: max |rel diff| of step loss {rel[m].max():.2e}, of member holdout MSE {np.max(hrel):.2e}")
print("  first step over tolerance %g: %s" % (tol, "none" if first is None else
      f"epoch {int(a[first, 0])} step {int(a[first, 1])} (rel diff {rel[first]:.2e}; max before it {rel[:first].max() if first else 0:.2e})"))
vk, pt = json.load(open(f"{work}/vk.json")), json.load(open(f"{work}/torch.json"))
d = len(vk["outputs"]) - 1
per_vk = [o["mse"] for o in vk["outputs"]]
per_pt = pt["one_step_mse_per_dim"]
k10 = next(k["mse"] for k in vk["k_step"] if k["k"] == 10)
rows = {"obs_mse": (float(np.mean(per_vk[:d])), float(np.mean(per_pt[:d]))),
        "reward_mse": (per_vk[d], per_pt[d]),
        "one_step_mse": (vk["overall"]["mse"], pt["one_step_mse"]),
        "nll": (vk["overall"]["nll"], pt["nll"]),
        "k10_mse": (k10, pt["k_step_mse"]["10"])}
print(f"{'held-out metric':16s} {'valuekit':>12s} {'pytorch':>12s}")
for k, (x, y) in rows.items():
    print(f"{k:16s} {x:12.4e} {y:12.4e}")
print(json.dumps({"seed": seed, "epochs": epochs, "precision": prec, "steps": n,
                  "first_step_over_tol": first, "max_rel_first_epoch": float(rel[a[:n, 0] == 1].max()),
                  "valuekit": {k: v[0] for k, v in rows.items()}, "pytorch": {k: v[1] for k, v in rows.items()},
                  "pytorch_epochs": pt["epochs"]}))
PY
