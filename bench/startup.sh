#!/usr/bin/env bash
# Start-up cost of short valuekit runs against `java -version` measured in the same run (medians of N
# runs): every pipeline step is a JVM start, so what valuekit adds on top of the JVM is the figure.
#   bench/startup.sh [N]        (default N=15)
# Goals (issue 10): --version and --help <= 3x java -version; convert/inspect of a small file <= 5x.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15}
vk=bin/valuekit
$vk --version >/dev/null   # builds the jar and the class-data archive if needed
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Small inputs made by valuekit itself: 400 pendulum transitions, a tiny model to inspect.
$vk rollout --env pendulum --episodes 2 --seed 1 -o "$tmp/pend.arrow" -q
$vk train-model -i "$tmp/pend.arrow" -o "$tmp/dyn.safetensors" --members 2 --elites 1 --hidden 8 --layers 1 \
  --max-epochs 1 --seed 1 -q

median_ms() {
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

jvm=$(median_ms java -version)
printf '%-44s %6s ms   (reference, median of %s)\n' "java -version" "$jvm" "$n"
run() {
  local label=$1; shift
  local t; t=$(median_ms "$@")
  awk -v l="$label" -v a="$t" -v b="$jvm" 'BEGIN { printf "%-44s %6d ms   %5.1fx\n", l, a, a / b }'
}
run "valuekit --version" $vk --version
run "valuekit --help" $vk --help
run "valuekit inspect --help" $vk inspect --help
run "valuekit inspect MODEL (tiny)" $vk inspect "$tmp/dyn.safetensors"
run "valuekit convert 400-row .arrow -> .csv" $vk convert "$tmp/pend.arrow" -o "$tmp/pend.csv"
run "valuekit evaluate model env:pendulum (400)" $vk evaluate model --model env:pendulum -i "$tmp/pend.arrow"
