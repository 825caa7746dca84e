#!/usr/bin/env bash
# Lipschitz-regularised value with ONE dynamics model (Zheng et al. 2023) vs a 7-member ensemble, same SAC budget.
# Offline pendulum from pendulum-medium.csv. Per seed:
#   single:   train-model --members 1 --elites 1        (one probabilistic model)
#   ensemble: train-model --members 7 --elites 5        (MBPO's ensemble)
# then model-based SAC (MBPO: horizon-5 rollouts from data states, 5% real rows, 2 critics 2 x 128, min target),
# the SAME gradient steps, rollout budget and seed in every arm; only the critic regulariser and the model differ:
#   single-plain   single model, no regulariser (control)
#   single-sn      single model, --spectral-norm
#   single-adv     single model, --adversarial-eps 0.05 (FGSM penalty, coefficient 1)
#   single-sn-adv  single model, both
#   ensemble       7-member ensemble, no regulariser
# Reported over the seeds (mean ± population std): the policy's mean return over 20 episodes from resets
# (evaluate policy --env pendulum), and the critics' overestimation on data states: Q(s0, a0) minus the realised
# discounted return (gamma 0.99, 1000 steps) over 20 episodes started from observations of the data
# (evaluate policy --start-data), plus CPU seconds of model training and of fit-value.
# Exact commands (seed S, M = single.safetensors or ens.safetensors):
#   valuekit --threads 1 train-model -i pendulum-medium.csv --members 1 --elites 1 --hidden 128 --layers 3 --max-epochs 30 --seed S -o single.safetensors
#   valuekit --threads 1 train-model -i pendulum-medium.csv --members 7 --elites 5 --hidden 128 --layers 3 --max-epochs 30 --seed S -o ens.safetensors
#   valuekit --threads 1 fit-value -i pendulum-medium.csv --method sac --env pendulum --critics 2 --layers 2 --hidden 128 \
#       --steps STEPS --seed S --model M --rollout-horizon 5 --rollouts-per-epoch 2000 --epoch-steps 500 --real-ratio 0.05 \
#       [--spectral-norm] [--adversarial-eps 0.05] -o agent.safetensors
#   valuekit --threads 1 evaluate policy --policy agent.safetensors --env pendulum --episodes 20 --json
#   valuekit --threads 1 evaluate policy --policy agent.safetensors --env pendulum --episodes 20 --start-data pendulum-medium.csv --json
# usage: bench/lipschitz.sh [STEPS] [SEEDS]   (defaults 6000, "1 2 3"; about 15 min of CPU on one core)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vk="$root/bin/valuekit"
data="$root/../shared/datasets/pendulum-medium.csv"
steps=${1:-6000}
seeds=${2:-"1 2 3"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
arms=(single-plain single-sn single-adv single-sn-adv ensemble)
cpu() { /usr/bin/time -f "%U %S" -o "$out/t" "$@" > /dev/null; awk '{print $1 + $2}' "$out/t"; }
for seed in $seeds; do
  tm=(--threads 1 --quiet train-model -i "$data" --hidden 128 --layers 3 --max-epochs ${EPOCHS:-30} --seed "$seed")
  echo "seed $seed model single $(cpu "$vk" "${tm[@]}" --members 1 --elites 1 -o "$out/single.safetensors")" >> "$out/cpu"
  echo "seed $seed model ensemble $(cpu "$vk" "${tm[@]}" --members 7 --elites 5 -o "$out/ens.safetensors")" >> "$out/cpu"
  for arm in "${arms[@]}"; do
    extra=()
    case $arm in
      single-sn) extra=(--spectral-norm) ;;
      single-adv) extra=(--adversarial-eps 0.05) ;;
      single-sn-adv) extra=(--spectral-norm --adversarial-eps 0.05) ;;
    esac
    m="$out/single.safetensors"; [ "$arm" = ensemble ] && m="$out/ens.safetensors"
    agent="$out/$arm-$seed.safetensors"
    c=$(cpu "$vk" --threads 1 --quiet fit-value -i "$data" --method sac --env pendulum --critics 2 --layers 2 --hidden 128 \
        --steps "$steps" --seed "$seed" --model "$m" --rollout-horizon 5 --rollouts-per-epoch 2000 --epoch-steps 500 \
        --real-ratio 0.05 "${extra[@]}" -o "$agent")
    ret=$("$vk" --threads 1 evaluate policy --policy "$agent" --env pendulum --episodes 20 --json | jq .mean_return)
    read -r q real bias < <("$vk" --threads 1 evaluate policy --policy "$agent" --env pendulum --episodes 20 --start-data "$data" \
        --json | jq -r '"\(.mean_initial_q) \(.mean_discounted_return) \(.q_bias)"')
    echo "$arm $seed $ret $q $real $bias $c" | tee -a "$out/runs"
  done
done
echo
echo "pendulum-medium, $steps SAC steps, seeds: $seeds (mean ± std over seeds)"
awk -v arms="${arms[*]}" '
  function ms(s, ss, n) { m = s / n; v = ss / n - m * m; return sprintf("%9.1f ± %6.1f", m, sqrt(v > 0 ? v : 0)) }
  FNR == NR { n[$1]++; for (k = 3; k <= 7; k++) { s[$1, k] += $k; ss[$1, k] += $k * $k }; next }
  { mcpu[$4] += $5; mn[$4]++ }
  END {
    printf "%-14s %18s %18s %18s %18s %11s\n", "arm", "return", "Q(s0,a0)", "realised disc.", "Q bias", "fit cpu s"
    split(arms, a, " ")
    for (i = 1; i in a; i++) { r = a[i]
      printf "%-14s %s %s %s %s %11.0f\n", r, ms(s[r,3], ss[r,3], n[r]), ms(s[r,4], ss[r,4], n[r]), ms(s[r,5], ss[r,5], n[r]),
        ms(s[r,6], ss[r,6], n[r]), s[r,7] / n[r] }
    printf "model training cpu s: single %.0f, ensemble %.0f (per seed)\n", mcpu["single"] / mn["single"], mcpu["ensemble"] / mn["ensemble"]
  }' "$out/runs" "$out/cpu"
