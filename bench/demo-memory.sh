#!/usr/bin/env bash
# Peak resident memory and wall time of every bin/demo step, under two JVM settings measured in the
# same run, step by step (the machine may be busy: read the ratios, not the absolute seconds).
#   before: VALUEKIT_JAVA_OPTS=$BEFORE_OPTS  (default -XX:+UseParallelGC: the launcher's flags before
#           it had a heap policy; naming a collector turns the policy off, see bin/valuekit)
#   after:  VALUEKIT_JAVA_OPTS=$AFTER_OPTS   (default empty: the launcher's heap policy)
# Each step runs once per arm, the order alternating from step to step; the second arm's outputs
# are the ones the next step reads (seeded, so both arms write the same files).
# Usage: bench/demo-memory.sh [OUTPUT_DIR]   (default target/demo-memory; prints a table on stdout)
set -euo pipefail
root=$(cd -P "$(dirname "$0")/.." && pwd)

if [ -n "${DEMO_METER:-}" ]; then
  # Called by bin/demo (DEMO_VALUEKIT) in place of bin/valuekit, once per step.
  log="$METER_DIR/steps.tsv"
  # A step number per call, taken under a lock: the two ends of a pipe start together.
  n=$(flock "$METER_DIR/ids" bash -c 'n=$(wc -l <"$1"); echo >>"$1"; echo "$n"' _ "$METER_DIR/ids")
  input=/dev/null
  if [ -p /dev/stdin ]; then input="$METER_DIR/stdin.$n"; cat >"$input"; fi
  arms=(before after); [ $((n % 2)) -eq 1 ] && arms=(after before)
  label="$1"; case "${2:-}" in -*|"") ;; *) [[ $2 == *.* || $2 == */* ]] || label="$1 $2" ;; esac
  for i in 0 1; do
    arm=${arms[$i]}
    opts=$BEFORE_OPTS; [ "$arm" = after ] && opts=$AFTER_OPTS
    out=/dev/null; [ "$i" -eq 1 ] && out=/dev/stdout
    VALUEKIT_JAVA_OPTS="$opts" /usr/bin/time -f '%M %e' -o "$METER_DIR/time" \
      "$root/bin/valuekit" "$@" <"$input" >"$out" 2>>"$METER_DIR/stderr.log" || { cat "$METER_DIR/time" >&2; exit 1; }
    read -r kb secs <"$METER_DIR/time"
    printf '%d\t%s\t%s\t%s\t%s\n' "$n" "$label" "$arm" "$kb" "$secs" >>"$log"
  done
  [ "$input" = /dev/null ] || rm -f "$input"
  exit 0
fi

out=${1:-$root/target/demo-memory}
export METER_DIR="$out/meter" BEFORE_OPTS="${BEFORE_OPTS:--XX:+UseParallelGC}" AFTER_OPTS="${AFTER_OPTS:-}"
rm -rf "$METER_DIR"; mkdir -p "$METER_DIR"; : >"$METER_DIR/steps.tsv"; : >"$METER_DIR/ids"
"$root/bin/valuekit" --version >/dev/null   # build the jar and the class-data archive outside the measurement
DEMO_METER=1 DEMO_VALUEKIT="$root/bench/demo-memory.sh" "$root/bin/demo" "$out" </dev/null >/dev/null 2>"$METER_DIR/demo.log"

# One row per command: peak RSS (MiB) and seconds of each arm, and after/before ratios; totals last.
awk -F'\t' -v before="$BEFORE_OPTS" -v after="${AFTER_OPTS:-(launcher policy)}" '
  { key = $1; label[key] = $2; rss[key, $3] = $4 / 1024; sec[key, $3] = $5; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
  END {
    printf "before: VALUEKIT_JAVA_OPTS=%s\nafter:  VALUEKIT_JAVA_OPTS=%s\n\n", before, after
    printf "%-4s %-22s %10s %10s %7s %9s %9s %7s\n", "#", "command", "RSS_bef", "RSS_aft", "ratio", "s_bef", "s_aft", "ratio"
    for (i = 1; i <= k; i++) {
      j = order[i]; rb = rss[j, "before"]; ra = rss[j, "after"]; sb = sec[j, "before"]; sa = sec[j, "after"]
      tb += sb; ta += sa; if (rb > mb) mb = rb; if (ra > ma) ma = ra
      printf "%-4d %-22s %8.0fMB %8.0fMB %7.2f %9.2f %9.2f %7.2f\n", i, label[j], rb, ra, ra / rb, sb, sa, (sb > 0 ? sa / sb : 1)
    }
    printf "%-4s %-22s %8.0fMB %8.0fMB %7.2f %9.2f %9.2f %7.2f\n", "", "max RSS / total time", mb, ma, ma / mb, tb, ta, ta / tb
  }' "$METER_DIR/steps.tsv"
