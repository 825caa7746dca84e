#!/usr/bin/env bash
# Offline pendulum: SAC with a min over 2 critics (2 x 128 ReLU) on recorded data only, then the learned actor's
# mean action for 50 episodes in env:pendulum. Goal: mean return better than -250 (medium data: about -760,
# random data: about -1280, an energy-pumping controller: about -160).
# usage: bench/offline-pendulum.sh [STEPS]   (default 12000; about 80 s of CPU per run on one core)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vk="$root/bin/valuekit"
data="$root/../shared/datasets"
steps=${1:-12000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# medium and random together (random's episodes renumbered after medium's)
{ head -1 "$data/pendulum-medium.csv"; tail -n +2 "$data/pendulum-medium.csv"
  tail -n +2 "$data/pendulum-random.csv" | awk -F, 'BEGIN{OFS=","}{$1=$1+1000; print}'; } > "$out/medium-random.csv"
for name in medium random medium-random; do
  in="$data/pendulum-$name.csv"; [ "$name" = medium-random ] && in="$out/medium-random.csv"
  "$vk" --threads 1 --quiet fit-value -i "$in" --method sac --critics 2 --env pendulum --layers 2 --hidden 128 \
      --steps "$steps" --seed 1 -o "$out/$name.safetensors"
  printf '%-14s ' "$name"
  "$vk" --threads 1 evaluate policy --policy "$out/$name.safetensors" --env pendulum --episodes 50 | sed -n 2p
done
