#!/usr/bin/env bash
# Fuzzing run (minutes, not part of the test suite): each reader's Jazzer fuzz target in turn with
# JAZZER_FUZZ=1, for the maxDuration its @FuzzTest gives (2 minutes each; 5 targets take ~12 minutes
# with start-up). The contract each target checks: accepted, or rejected with a BadInputException as
# one short line; any other exception, error, timeout, leaked Arrow memory or library output on stderr
# is a finding.
# Prints per target: executions and findings. A finding's input (crash-*) is moved into the target's
# saved inputs, testdata/fuzz/<package>/<Class>Inputs/<method>/, so plain `mvn test` replays it from
# then on: fix the reader, then commit the file. Coverage corpora grow in .cifuzz-corpus/ (not committed).
# Usage: bench/fuzz.sh [TARGET...]   e.g. bench/fuzz.sh TableReadersFuzzTest#arrowStream
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=bench/out
mkdir -p "$OUT"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(
  dev.valuekit.table.TableReadersFuzzTest#arrowFile
  dev.valuekit.table.TableReadersFuzzTest#arrowStream
  dev.valuekit.table.TableReadersFuzzTest#anyTable
  dev.valuekit.artifact.ModelFilesFuzzTest#safetensors
  dev.valuekit.cltv.TransactionLogFuzzTest#transactionLog
)
mvn -B -q -o test-compile

total_runs=0
total_findings=0
printf '%-50s %12s %9s\n' target executions findings
for t in "${TARGETS[@]}"; do
  cls=${t%#*}
  method=${t#*#}
  [[ $cls == *.* ]] || cls=$(grep -rl "class ${cls} " src/test/java | head -1 | sed 's|src/test/java/||; s|\.java$||; s|/|.|g')
  log="$OUT/fuzz-${method}.log"
  # Only this one target; surefire's fork gets the same heap bound as the suite.
  JAZZER_FUZZ=1 mvn -B -o surefire:test -Dtest="${cls}#${method}" -DfailIfNoTests=false \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || true
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | awk '{print $2}')
  [ -n "$runs" ] || runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  inputs="testdata/fuzz/$(dirname "${cls//.//}")/$(basename "${cls//.//}")Inputs/${method}"
  mkdir -p "$inputs"
  findings=0
  for f in crash-* timeout-* oom-* src/test/resources/"$(dirname "${cls//.//}")"/"$(basename "${cls//.//}")"Inputs/"${method}"/crash-*; do
    [ -f "$f" ] || continue
    mv "$f" "$inputs/"
    findings=$((findings + 1))
  done
  printf '%-50s %12s %9s\n' "${cls##*.}#${method}" "${runs:-?}" "$findings"
  total_runs=$((total_runs + ${runs:-0}))
  total_findings=$((total_findings + findings))
done
printf '%-50s %12s %9s\n' total "$total_runs" "$total_findings"
[ "$total_findings" -eq 0 ] || echo "findings saved under testdata/fuzz/; 'mvn test -Dtest=<Class>' reproduces them" >&2
