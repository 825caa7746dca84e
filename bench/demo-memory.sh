#!/usr/bin/env bash
# Peak resident memory and wall time of every bin/demo step, under two JVM settings measured in the
# same run, step by step (the machine may be busy: read the ratios, not the absolute seconds).
#   before: VALUEKIT_JAVA_OPTS=$BEFORE_OPTS  (default -XX:+UseParallelGC: the launcher's flags before
#           it had a heap policy; naming a collector turns the policy off, see bin/valuekit)
#   after:  VALUEKIT_JAVA_OPTS=$AFTER_OPTS   (default empty: the launcher's heap policy)
# Each step runs once per arm, the order alternating from step to step; the second arm's outputs
# are the ones the next step reads (seeded, so both arms write the same files).
# Usage: bench/demo-memory.sh [OUTPUT_DIR]   (default target/demo-memory; prints a table on stdout)
# Measured 2026-12-03 on the shared 2-core machine under a load average of about 23 (so the seconds are
# inflated many times over; the demo takes about 90 s on a quiet machine), the after arm being the
# launcher's policy (-XX:+UseParallelGC -XX:MaxNewSize=64m):
#   #    command                   RSS_bef    RSS_aft   ratio     s_bef     s_aft   ratio
#   1    --version                    69MB       69MB    1.01      5.25      7.57    1.44
#   2    rollout                     108MB      107MB    0.99     14.56     10.36    0.71
#   3    convert                     110MB      110MB    1.00     16.85     11.33    0.67
#   4    evaluate model               95MB       95MB    1.00     15.08     14.75    0.98
#   5    evaluate model               95MB       86MB    0.91     20.01     14.61    0.73
#   6    train-model                 541MB      199MB    0.37     89.01     37.82    0.42
#   7    rollout                      96MB      101MB    1.06     10.15     10.73    1.06
#   8    evaluate model              292MB      235MB    0.81     31.40     33.26    1.06
#   9    rollout                     196MB      170MB    0.87     18.97     20.73    1.09
#   10   evaluate model               96MB       97MB    1.01      8.60      9.41    1.09
#   11   fit-value                  1589MB      300MB    0.19   1412.80   1500.02    1.06
#   12   rollout                     175MB      159MB    0.91     41.02     27.58    0.67
#   13   evaluate policy             190MB      171MB    0.90     43.07     36.04    0.84
#   14   rollout                     133MB      108MB    0.81     47.91     12.32    0.26
#   15   rollout                     101MB      100MB    0.99     24.90     18.79    0.75
#   16   evaluate model              240MB      196MB    0.82     53.97     34.54    0.64
#   17   svd-adapt fit               279MB      284MB    1.02    191.18    207.46    1.09
#   18   evaluate model              240MB      198MB    0.82     40.56     31.80    0.78
#   19   svd-adapt export            153MB      157MB    1.03     32.21     27.93    0.87
#   20   predict-cltv synth          132MB      120MB    0.90     45.54     18.13    0.40
#   21   predict-cltv features       172MB      150MB    0.87     29.43     30.30    1.03
#   22   predict-cltv fit            450MB      203MB    0.45     50.86     66.66    1.31
#   23   predict-cltv fit            119MB      129MB    1.08    109.09     96.67    0.89
#   24   predict-cltv score          253MB      225MB    0.89     54.92     40.53    0.74
#   25   evaluate cltv               170MB      143MB    0.84     36.02     42.84    1.19
#   26   predict-cltv score          133MB       98MB    0.74     44.71     22.89    0.51
#   27   evaluate cltv               109MB      110MB    1.01     29.93     25.21    0.84
#        max RSS / total time       1589MB      300MB    0.19   2518.00   2410.28    0.96
# (In this run the two ends of the convert pipe shared one row; each end is numbered since.)
# Reading: every step now peaks at 0.3 GB resident or less (the SAC step fell from 1.6 GB to 0.3 GB,
# train-model from 0.54 to 0.2 GB); total time 0.96 of before. Per-step time ratios scatter from 0.26
# to 1.44 with the load; the two longest steps, fit-value and svd-adapt fit, took 1.06 and 1.09.
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
