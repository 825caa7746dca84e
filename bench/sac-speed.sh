#!/usr/bin/env bash
# SAC update rate (one critic-ensemble + one actor + one temperature update per step, batch 256) of
# valuekit against the PyTorch reference of the same recipe (bench/peers/sac.py, Debian python3-torch),
# one thread each, measured in CPU seconds of the training loop (wall time is meaningless on a shared machine).
# usage: bench/sac-speed.sh [CRITICS] [HIDDEN] [STEPS]   (default 2 256 600)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vk="$root/bin/valuekit"
data="$root/../shared/datasets/pendulum-medium.csv"
n=${1:-2}; h=${2:-256}; steps=${3:-600}
py=/usr/bin/python3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
java=$("$vk" --threads 1 --log-format json fit-value -i "$data" --method sac --critics "$n" --layers 2 --hidden "$h" \
    --env pendulum --steps "$steps" -o "$out/a.safetensors" 2>&1 | grep -o '"updates_per_cpu_second":[0-9.]*' | cut -d: -f2)
torch=$("$py" "$root/bench/peers/sac.py" "$data" --critics "$n" --layers 2 --hidden "$h" --steps "$steps" --threads 1 \
    | grep -o '"updates_per_cpu_second": [0-9.]*' | cut -d' ' -f2)
echo "critics $n, 2 x $h, batch 256, 1 thread: valuekit $java updates/CPU-s, pytorch $torch updates/CPU-s"
awk -v j="$java" -v t="$torch" 'BEGIN{printf "ratio valuekit/pytorch = %.2f\n", j/t}'
