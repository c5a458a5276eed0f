#!/usr/bin/env bash
# Opens a Speech Commands-sized synthetic dataset (105,000 hard links to one clip, 35 labels) with
# KWS Studio and with the reference's indexing (glob + which_set in Python), alternating, in one run.
# Usage: bench/compare-index.sh [clips]   (after `mvn -q package -DskipTests`)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIPS=${1:-105000}
DIR=$(mktemp -d)/dataset
trap 'rm -rf "$(dirname "$DIR")"' EXIT
java -Xmx1g -jar target/kws-studio.jar bench dataset --make "$DIR" --clips "$CLIPS" --repeat 0
for round in 1 2; do
  echo "--- round $round"
  python3 bench/reference_index.py "$DIR" 2
  java -Xmx1g -jar target/kws-studio.jar bench dataset --dir "$DIR" --repeat 2
done
