#!/usr/bin/env bash
# Alignment quality benchmark: espeak-ng words at known places in 1 s clips with white, pink and
# (when sample-data/ has them) recorded background noises at 20/10/5 dB SNR; prints onset/offset
# errors, word cuts, ONSET vs the reference loudest window, and the TarsosDSP detectors.
# Needs espeak-ng (apt-get install espeak-ng). Speech is cached under bench/out/align/.
# Usage: bench/align-quality.sh [clips-per-snr] [seed]   (after `mvn -q package -DskipTests`)
# Exits 1 when the 10 dB target (median <= 15 ms, p95 <= 50 ms, no word cut) is not met.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIPS=${1:-300}
SEED=${2:-1}
if [[ ! -f target/kws-studio.jar ]]; then
  echo "target/kws-studio.jar is missing: run 'mvn -q package -DskipTests' first" >&2
  exit 2
fi
ARGS=(--work bench/out/align --clips "$CLIPS" --seed "$SEED")
if [[ -d sample-data/_background_noise_ ]]; then
  ARGS+=(--noise sample-data/_background_noise_)
fi
echo "# bench/align-quality.sh $CLIPS $SEED ($(date -u +%Y-%m-%d), $(nproc) cores)"
exec java -Xmx1g -cp "target/kws-studio.jar:target/lib/*" io.kwsstudio.align.AlignBenchmark "${ARGS[@]}"
