#!/usr/bin/env bash
# Coverage of the evidence model's 95% interval for a planted effect (docs/measures.md#evidence-in-work-contacts-and-moving-into-work):
# for each seed, `socialcapital generate` a city with --effect X, then `socialcapital evidence` on it, and count the seeds
# whose interval for the relative effect (odds ratio - 1) covers X. Writes one row per seed to results/coverage-<X>.csv
# and prints the summary. Run from the repository root:
#   benchmarks/evidence/coverage.sh [SEEDS=100] [EFFECT=0.15] [PEOPLE=10000] [AREAS=10] [FIRST_SEED=1]
# The CLI is the Release build (dotnet build src/Cli -c Release), or the one SC_CLI names.
set -euo pipefail
seeds=${1:-100}
effect=${2:-0.15}
people=${3:-10000}
areas=${4:-10}
first=${5:-1}
cli=${SC_CLI:-artifacts/bin/SocialCapital.Cli/release/SocialCapital.Cli.dll}
[ -f "$cli" ] || dotnet build src/Cli -c Release -v q >/dev/null
here=$(dirname "$0")
out="$here/results/coverage-$effect-$people-$areas-from-$first.csv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "seed,people_periods,events,clusters,relative_effect,relative_effect_low,relative_effect_high,covered,relative_risk,seconds" > "$out"
start=$(date +%s.%N)
for seed in $(seq "$first" $((first + seeds - 1))); do
  t0=$(date +%s.%N)
  dotnet "$cli" generate "$work/city" --people "$people" --areas "$areas" --seed "$seed" --effect "$effect" --force --progress none 2>/dev/null
  if ! dotnet "$cli" evidence "$work/city" --as-of 2026-01-01 --format csv --progress none 2>"$work/error.txt" > "$work/evidence.csv"; then
    echo "$seed,,,,,,,not fitted,,: $(tr ',' ';' < "$work/error.txt")" >> "$out" # the model refused the city (too few moves, ...)
    continue
  fi
  t1=$(date +%s.%N)
  awk -F, -v seed="$seed" -v x="$effect" -v s="$(echo "$t1 - $t0" | bc)" '
    $1 == "sample" || $1 == "in_work_contacts" { v[$2] = $3 }
    END {
      covered = (v["relative_effect_low"] <= x && x <= v["relative_effect_high"]) ? 1 : 0
      printf "%d,%d,%d,%d,%.6f,%.6f,%.6f,%d,%.6f,%.2f\n", seed, v["people_periods"], v["events"], v["clusters"],
        v["relative_effect"], v["relative_effect_low"], v["relative_effect_high"], covered, v["relative_risk"], s
    }' "$work/evidence.csv" >> "$out"
done
end=$(date +%s.%N)
awk -F, -v x="$effect" -v total="$(echo "$end - $start" | bc)" 'NR > 1 && $8 == "not fitted" { failed++ }
  NR > 1 && $8 != "not fitted" {
    n++; c += $8; e += $5; e2 += $5 * $5; rr += $9; w += $7 - $6
  }
  END {
    if (failed) printf "%d seeds not fitted (see the rows)\n", failed
    printf "planted %s: covered in %d of %d seeds fitted (%.1f%%); mean relative effect %.4f (sd %.4f), mean interval width %.4f, mean average relative risk %.4f; %.0f s in all (%.1f s a seed)\n",
      x, c, n, 100 * c / n, e / n, sqrt(e2 / n - (e / n) ^ 2), w / n, rr / n, total, total / n
  }' "$out"
