#!/usr/bin/env bash
# DL4J (KWS Studio's trainer) against PyTorch on this machine, side by side: for each model the two run
# alternately ROUNDS times with the same input (98x40), batch, Adam and thread count, and the ratio of
# examples per second is printed per round and as the median.
#   bench/compare-train.sh [ROUNDS] [STEPS]      MODELS="conv tiny_conv" bench/compare-train.sh
# Needs Debian's PyTorch: apt-get install -y python3-torch (it runs with /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-2}
STEPS=${2:-10}
THREADS=${THREADS:-$(nproc)}
MODELS=${MODELS:-"conv low_latency_conv ds_cnn_s tiny_conv"}
JAR=target/kws-studio.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
PY=/usr/bin/python3
"$PY" -c "import torch" 2>/dev/null || { echo "PyTorch missing: apt-get install -y python3-torch" >&2; exit 1; }
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $THREADS threads each; batch 100, Adam, $STEPS timed steps"
printf "%-18s %12s %12s %8s %10s %10s %10s %10s\n" model "dl4j ex/s" "torch ex/s" ratio "dl4j MB" "torch MB" "dl4j 1clip" "torch fwd"
for m in $MODELS; do
  ratios=()
  for r in $(seq "$ROUNDS"); do
    d=$(OMP_NUM_THREADS=$THREADS java -jar "$JAR" bench train --model "$m" --steps "$STEPS" --json 2>/dev/null | grep '^{')
    t=$("$PY" bench/pytorch_reference.py --model "$m" --steps "$STEPS" --threads "$THREADS" --json)
    line=$("$PY" - "$d" "$t" <<'PY'
import json, sys
d, t = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"{d['model']:<18} {d['examples_per_second']:12.1f} {t['examples_per_second']:12.1f} {d['examples_per_second']/t['examples_per_second']:7.2f}x "
      f"{d['peak_rss_mb']:10.0f} {t['peak_rss_mb']:10.0f} {d['inference_ms']:8.2f}ms {t['forward_ms']:8.2f}ms")
PY
)
    echo "$line"
  done
done
