#!/usr/bin/env bash
# Start-up cost of short valuekit runs against `java -version` measured in the same run: every pipeline
# step is a JVM start, so what valuekit adds on top of the JVM is the figure. Each round runs every
# command once, reference included, so a busy machine slows all of them alike; the table gives the
# medians over N rounds of wall time and of CPU time (user + sys, steadier on a loaded machine), each
# also as a ratio to `java -version`.
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

labels=("java -version" "valuekit --version" "valuekit --help" "valuekit inspect --help"
        "valuekit inspect MODEL (tiny)" "valuekit convert 400-row .arrow -> .csv"
        "valuekit evaluate model env:pendulum (400)")
run_case() {
  case $1 in
    0) java -version ;;
    1) $vk --version ;;
    2) $vk --help ;;
    3) $vk inspect --help ;;
    4) $vk inspect "$tmp/dyn.safetensors" ;;
    5) $vk convert "$tmp/pend.arrow" -o "$tmp/pend.csv" ;;
    6) $vk evaluate model --model env:pendulum -i "$tmp/pend.arrow" ;;
  esac
}

TIMEFORMAT='%R %U %S'
for _ in $(seq "$n"); do
  for c in "${!labels[@]}"; do
    rm -f "$tmp/pend.csv"
    { time run_case "$c" >/dev/null 2>&1; } 2>>"$tmp/t$c"
  done
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-44s %9s %7s %9s %7s   (medians of %s rounds)\n' "" "wall ms" "ratio" "cpu ms" "ratio" "$n"
ref_wall=$(awk '{print $1 * 1000}' "$tmp/t0" | median)
ref_cpu=$(awk '{print ($2 + $3) * 1000}' "$tmp/t0" | median)
for c in "${!labels[@]}"; do
  w=$(awk '{print $1 * 1000}' "$tmp/t$c" | median)
  u=$(awk '{print ($2 + $3) * 1000}' "$tmp/t$c" | median)
  awk -v l="${labels[$c]}" -v w="$w" -v u="$u" -v rw="$ref_wall" -v ru="$ref_cpu" \
    'BEGIN { printf "%-44s %9d %6.1fx %9d %6.1fx\n", l, w, w / rw, u, u / ru }'
done
