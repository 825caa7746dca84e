#!/usr/bin/env bash
# Edge-of-reach (Sims et al. 2024), reproduced with the TRUE dynamics: SAC trained on horizon-5 rollouts in
# env:pendulum from the states of pendulum-random.csv (5% real rows), once with 1 critic and once with the
# RAVL recipe's 10-critic min target. Reported: the critics' Q(s0, a0) against the realised discounted return
# (gamma 0.99, 1000 steps) of the learned policy from data states and from resets, and the policy's return.
# usage: bench/edge-of-reach.sh [STEPS]   (default 8000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vk="$root/bin/valuekit"
data="$root/../shared/datasets/pendulum-random.csv"
steps=${1:-8000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for n in 1 10; do
  "$vk" --threads 1 --quiet fit-value -i "$data" --method sac --critics "$n" --env pendulum --layers 2 --hidden 128 \
      --steps "$steps" --seed 1 --model env:pendulum --rollout-horizon 5 --rollouts-per-epoch 5000 --real-ratio 0.05 \
      -o "$out/eor-$n.safetensors"
  for start in data reset; do
    extra=(); [ $start = data ] && extra=(--start "$data")
    echo "== $n critic(s), episodes starting from $start states"
    "$vk" --threads 1 evaluate policy --policy "$out/eor-$n.safetensors" --env pendulum --episodes 50 "${extra[@]}" | tail -n +2
  done
done
