#!/usr/bin/env bash
# Trains every zoo model on a dataset (default: the bundled sample-data) with one small-data recipe
# and prints a Markdown table of test accuracy, parameters and multiplies from the run store.
#   bench/zoo-accuracy.sh [DATASET] [STEPS]        (runs go to bench/out/zoo-runs)
# The recipe suits a few hundred clips: Adam, batch 50, STEPS steps in two phases (3:1) at
# 0.003 then 0.0005, evaluation every STEPS/8 steps, the reference's augmentation and words.
set -euo pipefail
cd "$(dirname "$0")/.."
DATASET=${1:-sample-data}
STEPS=${2:-400}
RUNS=bench/out/zoo-runs
JAR=${JAR:-target/kws-studio.jar}
[ -f "$JAR" ] || mvn -B -q package -DskipTests
mkdir -p "$RUNS"
P1=$((STEPS * 3 / 4)); P2=$((STEPS - P1)); EVAL=$((STEPS / 8))
MODELS=${MODELS:-"single_fc tiny_conv low_latency_conv low_latency_svdf ds_cnn_s conv"}
for m in $MODELS; do
  echo "== $m" >&2
  java -jar "$JAR" train "$DATASET" --model "$m" --optimizer adam --batch 50 --steps "$P1,$P2" --lr 0.003,0.0005 \
       --eval-every "$EVAL" --runs "$RUNS" --name "zoo-$m" --json > "$RUNS/$m.json"
done
python3 - "$RUNS" $MODELS <<'PY'
import json, sys, os
runs, models = sys.argv[1], sys.argv[2:]
print("| model | parameters | multiplies | best validation | test accuracy | training time |")
print("|---|---:|---:|---:|---:|---:|")
for m in models:
    r = json.load(open(os.path.join(runs, m + ".json")))
    info = json.load(open(os.path.join(r["dir"], "run.json")))
    t = info["training_millis"] / 1000
    print(f"| `{m}` | {info['parameters']:,} | {info['multiplies']:,} | {100*r['validation']['accuracy']:.1f}% "
          f"| {100*r['test']['accuracy']:.1f}% | {int(t//60)} min {int(t%60)} s |")
PY
