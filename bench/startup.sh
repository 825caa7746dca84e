#!/usr/bin/env bash
# Start-up time of `valuekit --version` (median of N runs, milliseconds), with the plain JVM start
# of an empty class measured in the same run as the reference: the ratio is what valuekit adds.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-15}
bin/valuekit --version >/dev/null   # builds the jar and the class-data archive if needed
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'public class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >"$tmp/Hello.java"
javac -d "$tmp" "$tmp/Hello.java"

median_ms() {
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

vk=$(median_ms bin/valuekit --version)
jvm=$(median_ms java -cp "$tmp" Hello)
echo "valuekit --version: ${vk} ms (median of $n)"
echo "empty JVM start:    ${jvm} ms"
awk -v a="$vk" -v b="$jvm" 'BEGIN { printf "ratio valuekit/jvm: %.2f\n", a / b }'
