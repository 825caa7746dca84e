#!/usr/bin/env bash
# Edge-of-reach (Sims et al. 2024): model-based SAC on truncated rollouts, 1 critic vs the RAVL recipe (min over
# 10 critics), in the true dynamics (--model env:NAME) and in a model learned from the same data (train-model),
# on point2d (valuekit's illustrative task: data covers the middle of the plane only) and on pendulum (random
# data covers the whole state space). Each run: fit-value --method sac, then
#   evaluate value --edge-of-reach MODEL: the agent's Q minus the realised discounted return (gamma 0.99,
#     500 steps, true environment) on the rollouts' data start states and on their edge-of-reach final states,
#   evaluate policy: the undiscounted return over 50 episodes from resets (point2d: 50 steps, pendulum: 200).
# Prints one row per run (TSV) and then mean ± std over seeds per setting.
#
# usage: bench/edge-of-reach.sh
#   ENVS="point2d pendulum"  MODELS="true learned"  CRITICS="1 10"  STEPS="2000 10000"  SEEDS="1 2 3 4 5"
#   HIDDEN=64 (2 hidden layers, actor and critics)  HORIZON=5  ROLLOUTS=1000 (per 1000 steps)  THREADS=1
# Runs under nice -n 10; one JVM at a time with -Xmx2g.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
envs=${ENVS:-point2d pendulum} models=${MODELS:-true learned} critics=${CRITICS:-1 10}
steps_list=${STEPS:-2000 10000} seeds=${SEEDS:-1 2 3 4 5}
hidden=${HIDDEN:-64} horizon=${HORIZON:-5} rollouts=${ROLLOUTS:-1000} threads=${THREADS:-1}
export VALUEKIT_JAVA_OPTS="${VALUEKIT_JAVA_OPTS:--Xmx2g}"
vk() { nice -n 10 "$root/bin/valuekit" --threads "$threads" "$@"; }
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
[ -z "${OUT:-}" ] && trap 'rm -rf "$out"' EXIT
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

rows="$out/runs.tsv" trace="$out/trace.tsv"
printf 'env\tmodel\tcritics\tsteps\tseed\tstep\tq_batch\n' >"$trace"
printf 'env\tmodel\tcritics\tsteps\tseed\tq_bias_data\tq_bias_edge\tedge_states\treturn\n' >"$rows"
for env in $envs; do
  case $env in
    point2d) data="$out/point2d.csv"
             # 100 random episodes of 20 steps from resets on [-1, 1]^2: they stay within about |x|, |y| < 1.8
             [ -f "$data" ] || vk --quiet rollout --env point2d --env-param time_limit=20 --episodes 100 --seed 1 -o "$data" ;;
    pendulum) data="$root/../shared/datasets/pendulum-random.csv"
              [ -f "$data" ] || { echo "skipping pendulum: $data is missing" >&2; continue; } ;;
    *) echo "unknown env $env" >&2; exit 2 ;;
  esac
  for model in $models; do
    for seed in $seeds; do
      if [ "$model" = true ]; then dyn="env:$env"; else
        dyn="$out/$env-dyn-$seed.safetensors"
        [ -f "$dyn" ] || vk --quiet train-model -i "$data" -o "$dyn" --members 7 --elites 5 --hidden 64 --layers 3 \
            --max-epochs 100 --termination none --seed "$seed"
      fi
      for n in $critics; do
        for steps in $steps_list; do
          agent="$out/$env-$model-$n-$steps-$seed.safetensors"
          vk --log-format json fit-value -i "$data" --method sac --critics "$n" --env "$env" --layers 2 --hidden "$hidden" \
              --steps "$steps" --seed "$seed" --model "$dyn" --rollout-horizon "$horizon" --rollouts-per-epoch "$rollouts" \
              --real-ratio 0.05 -o "$agent" 2>"$agent.log"
          # the mean Q of the actor's training batches every 1000 steps (point2d's rewards are <= 0, so Q > 0 is overestimation)
          python3 -c "
import json, sys
for l in open(sys.argv[1]):
    o = json.loads(l)
    if o.get('msg') == 'sac': print('$env\t$model\t$n\t$steps\t$seed\t%d\t%.2f' % (o['values']['step'], o['values']['q']))
" "$agent.log" >>"$trace"
          vk evaluate value -m "$agent" -i "$data" --edge-of-reach "$dyn" --env "$env" --rollout-horizon "$horizon" \
              --discount-steps 500 --seed "$seed" --json -o "$agent.value.json"
          vk evaluate policy --policy "$agent" --env "$env" --episodes 50 --seed "$seed" --json -o "$agent.policy.json"
          e="$agent.value.json"
          printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$env" "$model" "$n" "$steps" "$seed" \
              "$(json "$e" "round(d['edge_of_reach']['data']['bias'], 2)")" \
              "$(json "$e" "round(d['edge_of_reach']['edge']['bias'], 2)")" \
              "$(json "$e" "d['edge_of_reach']['edge']['count']")" \
              "$(json "$agent.policy.json" "round(d['mean_return'], 2)")" | tee -a "$rows"
        done
      done
    done
  done
done
echo
python3 - "$rows" "$trace" <<'PY'
import csv, math, sys
from collections import OrderedDict
tr = OrderedDict()
for r in csv.DictReader(open(sys.argv[2]), delimiter='\t'):
    tr.setdefault((r['env'], r['model'], r['critics'], r['steps']), OrderedDict()).setdefault(int(r['step']), []).append(float(r['q_batch']))
print('mean Q of the training batches over training (mean ± std over seeds)')
for key, steps in tr.items():
    cells = []
    for st, v in steps.items():
        m = sum(v) / len(v)
        cells.append('%dk %.1f ± %.1f' % (st // 1000, m, math.sqrt(sum((x - m) ** 2 for x in v) / len(v))))
    print('  %s %s dynamics, %s critic(s): %s' % (key[0], key[1], key[2], ', '.join(cells)))
print()
groups = OrderedDict()
for r in csv.DictReader(open(sys.argv[1]), delimiter='\t'):
    groups.setdefault((r['env'], r['model'], r['critics'], r['steps']), []).append(r)
def ms(rows, key):
    v = [float(r[key]) for r in rows if r[key] not in ('nan', 'NaN')]
    if not v: return 'n/a'
    m = sum(v) / len(v)
    return '%.1f ± %.1f' % (m, math.sqrt(sum((x - m) ** 2 for x in v) / len(v)))
print('| env | dynamics | critics | steps | seeds | Q bias, data states | Q bias, edge-of-reach states | edge states /1000 | return |')
print('|---|---|---|---|---|---|---|---|---|')
for (env, model, n, steps), rows in groups.items():
    print('| %s | %s | %s | %s | %d | %s | %s | %s | %s |' % (env, model, n, steps, len(rows), ms(rows, 'q_bias_data'),
          ms(rows, 'q_bias_edge'), ms(rows, 'edge_states'), ms(rows, 'return')))
PY
