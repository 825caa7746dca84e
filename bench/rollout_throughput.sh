#!/usr/bin/env bash
# Must-show: rollout throughput of a learned 7-member 4x200 ensemble, 50,000 starts x horizon 5, random policy,
# random elite per row and step, Gaussian sampling, MOPO uncertainty: valuekit vs the PyTorch reference
# (bench/peers/rollout_reference.py, same weights), in the same run, alternating; best of REPS each.
# valuekit's rate is the engine's (start states loaded; includes writing the Arrow output),
# PyTorch's is compute only (transitions kept in memory).
# Usage: bench/rollout_throughput.sh [MODEL (trained if absent)] [THREADS=1] [REPS=3]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-}; threads=${2:-1}; reps=${3:-3}
data="$root/../shared/datasets/pendulum-random.csv"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
vk="$root/bin/valuekit"
if [ -z "$model" ]; then
  model="$work/dyn.safetensors"
  "$vk" train-model -i "$data" -o "$model" --max-epochs 1 --termination none --threads "$threads" -q
fi
# wall-clock rates swing with the load of a shared machine; CPU-time rates (process CPU during the rollout,
# all threads) are the steadier comparison, so both are reported
best_vk=0; best_pt=0; best_vkc=0; best_ptc=0
for i in $(seq "$reps"); do
  "$vk" rollout --model "$model" --start "$data" --starts 50000 --horizon 5 --policy random --seed "$i" \
    --threads "$threads" --log-format json -o "$work/r.arrow" 2> "$work/vk.err"
  v=$(grep -o '"transitions_per_s":[0-9.]*' "$work/vk.err" | tail -1 | cut -d: -f2)
  vc=$(grep -o '"transitions_per_cpu_s":[0-9.]*' "$work/vk.err" | tail -1 | cut -d: -f2)
  /usr/bin/python3 "$root/bench/peers/rollout_reference.py" "$model" "$data" --starts 50000 --horizon 5 \
      --threads "$threads" --seed "$i" > "$work/pt.json"
  p=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["transitions_per_s"])' "$work/pt.json")
  pc=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["transitions_per_cpu_s"])' "$work/pt.json")
  echo "rep $i: valuekit $v/s ($vc per CPU-s), pytorch $p/s ($pc per CPU-s)"
  best_vk=$(/usr/bin/python3 -c "print(max($best_vk, $v))"); best_pt=$(/usr/bin/python3 -c "print(max($best_pt, $p))")
  best_vkc=$(/usr/bin/python3 -c "print(max($best_vkc, $vc))"); best_ptc=$(/usr/bin/python3 -c "print(max($best_ptc, $pc))")
done
/usr/bin/python3 -c "print(f'best wall: valuekit {$best_vk:.0f}/s, pytorch {$best_pt:.0f}/s, ratio {$best_vk/$best_pt:.2f}; per CPU-second: valuekit {$best_vkc:.0f}, pytorch {$best_ptc:.0f}, ratio {$best_vkc/$best_ptc:.2f} ($threads thread(s))')"
