#!/usr/bin/env bash
# Does ND4J's AVX2 native build pay for its 83 MB here? Trains the same dynamics ensemble on
# pendulum-medium with the generic libnd4jcpu (what the jar carries) and with the AVX2 one added to
# the class path, interleaved RUNS times; prints CPU seconds (user+sys) of each and the ratio, and
# which library JavaCPP extracted. Linux x86-64 only. Usage: bench/avx2.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
OUT=bench/out/avx2; mkdir -p "$OUT"
DATA=../shared/datasets/pendulum-medium.csv
[ -f "$DATA" ] || { echo "needs $DATA" >&2; exit 2; }
nd4j=$(sed -n 's:.*<nd4j.version>\(.*\)</nd4j.version>.*:\1:p' pom.xml)
mvn -B -q dependency:get -Dartifact="org.nd4j:nd4j-native:$nd4j:jar:linux-x86_64-avx2" >/dev/null
avx2=~/.m2/repository/org/nd4j/nd4j-native/$nd4j/nd4j-native-$nd4j-linux-x86_64-avx2.jar
mvn -B -q -o compile dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
generic="target/classes:$(cat "$OUT/cp.txt")"
run() {  # name classpath
  rm -f "$OUT/m-$1.safetensors"
  /usr/bin/time -f "%U %S" -a -o "$OUT/t-$1" java -Xmx2g --add-opens=java.base/java.nio=ALL-UNNAMED \
    -Dorg.bytedeco.javacpp.cachedir="$OUT/cache-$1" -cp "$2" dev.valuekit.cli.Main train-model -i "$DATA" \
    -o "$OUT/m-$1.safetensors" --members 5 --elites 3 --hidden 200 --layers 3 --max-epochs 2 --seed 1 --threads 1 --quiet
}
rm -f "$OUT"/t-*
for _ in $(seq "$RUNS"); do run generic "$generic"; run avx2 "$avx2:$generic"; done
for v in generic avx2; do
  echo "$v: $(find "$OUT/cache-$v" -name 'libnd4jcpu.so' | sed 's:.*/bindings/::'), CPU s per run: $(awk '{printf "%.2f ", $1 + $2}' "$OUT/t-$v")"
done
awk '{s += $1 + $2} END {print s}' "$OUT/t-generic" >"$OUT/sum-generic"; awk '{s += $1 + $2} END {print s}' "$OUT/t-avx2" >"$OUT/sum-avx2"
echo "ratio generic/avx2 CPU: $(awk -v g="$(cat "$OUT/sum-generic")" -v a="$(cat "$OUT/sum-avx2")" 'BEGIN {printf "%.2f", g / a}')"
