#!/usr/bin/env bash
# Must-show: held-out accuracy of `valuekit train-model` against the PyTorch reference of the same recipe
# (bench/peers/mbpo_reference.py) on pendulum-random.csv, same held-out episodes, same epoch budget.
# Prints both implementations' one-step MSE, NLL (with 1/2 and 1/2 log 2pi) and 10-step open-loop MSE.
# Usage: bench/dynamics_accuracy.sh [MAX_EPOCHS=20] [SEED=0] [THREADS=1]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
epochs=${1:-20}; seed=${2:-0}; threads=${3:-1}
data="$root/../shared/datasets/pendulum-random.csv"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
vk="$root/bin/valuekit"

"$vk" train-model -i "$data" -o "$work/vk.safetensors" --seed "$seed" --threads "$threads" --max-epochs "$epochs" \
  --log-out "$work/log.csv" -q
# the episodes valuekit held out, from the model's provenance
episodes=$("$vk" inspect "$work/vk.safetensors" --json | /usr/bin/python3 -c '
import json, sys
p = json.load(sys.stdin)
s = p.get("provenance", p)["summary"]["holdout_episodes"]
print(s.strip("[]").replace(" ", ""))')
/usr/bin/python3 - "$data" "$episodes" "$work/heldout.csv" <<'PY'
import sys
data, eps, out = sys.argv[1], {int(e) for e in sys.argv[2].split(",")}, sys.argv[3]
with open(data) as f, open(out, "w") as o:
    o.write(f.readline())
    for line in f:
        if int(line.split(",", 1)[0]) in eps:
            o.write(line)
PY
"$vk" evaluate model --model "$work/vk.safetensors" --input "$work/heldout.csv" --k 1,5,10,25 --json --threads "$threads" > "$work/vk.json"
/usr/bin/python3 "$root/bench/peers/mbpo_reference.py" "$data" --seed "$seed" --threads "$threads" --max-epochs "$epochs" \
  --holdout-episodes "$episodes" > "$work/torch.json" 2> "$work/torch.err"
/usr/bin/python3 - "$work/vk.json" "$work/torch.json" "$episodes" "$epochs" <<'PY'
import json, sys
vk, pt = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
k10 = next(k["mse"] for k in vk["k_step"] if k["k"] == 10)
rows = [("one-step MSE (mean over dims)", vk["overall"]["mse"], pt["one_step_mse"]),
        ("NLL per dim (incl. 1/2, 1/2 log 2pi)", vk["overall"]["nll"], pt["nll"]),
        ("10-step open-loop obs MSE", k10, pt["k_step_mse"]["10"])]
print(f"pendulum-random.csv, held-out episodes {sys.argv[3]}, max {sys.argv[4]} epochs")
print(f"{'metric':40s} {'valuekit':>12s} {'pytorch':>12s}  better")
for name, a, b in rows:
    print(f"{name:40s} {a:12.4e} {b:12.4e}  {'valuekit' if a <= b else 'pytorch'}")
print(json.dumps({"valuekit": {r[0]: r[1] for r in rows}, "pytorch": {r[0]: r[2] for r in rows},
                  "pytorch_epochs": pt["epochs"]}))
PY
