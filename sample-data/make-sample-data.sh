#!/usr/bin/env bash
# make-sample-data.sh - regenerate the KWS Studio bundled sample dataset.
#
# Builds a small *synthetic* keyword-spotting dataset in the TensorFlow
# Speech Commands folder layout, in the directory this script lives in:
#
#   <word>/<speakerid>_nohash_0.wav     1.000 s, 16 kHz, mono, 16-bit PCM
#   _background_noise_/*.wav            30 s noise files, same format
#   speakers.tsv                        speaker id -> espeak-ng settings
#
# Speech comes from espeak-ng, all audio processing from sox; python3
# (with numpy) only draws the random choices, from a fixed seed, so every
# run produces byte-identical files.
#
# Usage:  ./make-sample-data.sh            (JOBS=1 ./make-sample-data.sh to run serially)
#
# Old word folders, _background_noise_ and speakers.tsv are deleted first;
# nothing else in the folder is touched.

set -euo pipefail

SEED=20240611                 # fixed random seed -> reproducible output
NUM_SPEAKERS=40               # every speaker says every word once
SAMPLE_RATE=16000
CLIP_SAMPLES=16000            # exactly 1.000 s
EDGE_MARGIN=800               # >= 50 ms of (near) silence before and after a word
NOISE_SECONDS=30
JOBS=${JOBS:-2}               # parallel clip jobs (keep small on shared machines)

COMMANDS=(yes no up down left right on off stop go)
UNKNOWN=(bed bird cat dog house)
WORDS=("${COMMANDS[@]}" "${UNKNOWN[@]}")

# espeak-ng English voices (built-in gmw voices only; mbrola voices need
# extra packages and are not used).
VOICES=(en-gb en-us en-gb-scotland en-gb-x-gbclan en-gb-x-rp en-gb-x-gbcwmd en-029 en-us-nyc)

# espeak-ng voice variants that sound sane.  Excluded after a listening/stat
# check: variants that clip at full scale (ed, iven, iven2, john, paul,
# steph3, Gene, Gene2, Jacky, Storm, Tweaky, sandro, gustave, Marco, Andy,
# klatt4), ones that swallow part of the word (Andrea, anika; pedro and
# antonio also clip), duplicates (caleb, klatt6 = klatt) and deliberately
# robotic/effect voices (robosoft*, UniRobot, anikaRobot, Demonic,
# announcer, fast, RicishayMax*, Mr serious).
MALE_VARIANTS=(m1 m2 m3 m4 m5 m6 m7 m8 croak whisper klatt klatt2 klatt3
               adam Alex benjamin boris david max norbert quincy rob robert
               grandpa zac Lee Mike Michael kaukovalta Denis Diogo Mario
               Nguyen travis shelby victor michel)
FEMALE_VARIANTS=(f1 f2 f3 f4 f5 whisperf Annie Alicia aunty belinda linda
                 steph grandma)
NUM_FEMALE=13                 # speakers drawn from FEMALE_VARIANTS, rest male

SPEED_MIN=120; SPEED_MAX=200  # espeak-ng -s (words per minute)
PITCH_MIN=20;  PITCH_MAX=80   # espeak-ng -p (0..99)
PEAK_MIN_DB=-12; PEAK_MAX_DB=-1
FLOOR_DB=-60                  # peak level of the noise floor under each clip
FLOOR_VAR_DB=6                # floor varies +-6 dB per clip

# ---------------------------------------------------------------------------
# Per-clip worker: invoked as "$0 --clip ..." by xargs.
#   word speakerid voice variant speed pitch place_permille peak_db floor_gain_db floor_offset
# ---------------------------------------------------------------------------
make_clip() {
    local word=$1 spk=$2 voice=$3 variant=$4 speed=$5 pitch=$6
    local place=$7 peak=$8 fgain=$9 foff=${10}
    local tmp
    tmp=$(mktemp -d "$WORK_DIR/clip.XXXXXX")
    local raw=$tmp/raw.wav word_wav=$tmp/word.wav
    local out=$OUT_DIR/$word/${spk}_nohash_0.wav

    espeak-ng -v "$voice+$variant" -s "$speed" -p "$pitch" -a 70 -w "$raw" "$word"

    # Trim espeak's leading/trailing digital silence, resample, set the peak.
    sox -D "$raw" -r "$SAMPLE_RATE" -c 1 -b 16 "$word_wav" \
        silence 1 1s 0.05% reverse silence 1 1s 0.05% reverse norm "$peak"

    local n max_len
    n=$(soxi -s "$word_wav")
    max_len=$(( CLIP_SAMPLES - 2 * EDGE_MARGIN ))
    if (( n > max_len )); then
        # Too long to fit with margins: speed it up (pitch unchanged).
        local factor
        factor=$(awk -v n="$n" -v m="$max_len" 'BEGIN { printf "%.4f", n / (m - 160) }')
        sox -D "$word_wav" "$tmp/fast.wav" tempo -s "$factor" norm "$peak"
        mv "$tmp/fast.wav" "$word_wav"
        n=$(soxi -s "$word_wav")
    fi

    # Start offset: place_permille of the free room, inside the margins.
    local room=$(( CLIP_SAMPLES - 2 * EDGE_MARGIN - n ))
    local offset=$(( EDGE_MARGIN + room * place / 1000 ))
    local tail=$(( CLIP_SAMPLES - offset - n ))

    sox -D -m \
        -v 1 "|sox -D '$word_wav' -p pad ${offset}s ${tail}s" \
        -v 1 "|sox -D '$FLOOR_WAV' -p trim ${foff}s ${CLIP_SAMPLES}s vol ${fgain}dB" \
        -r "$SAMPLE_RATE" -c 1 -b 16 -e signed-integer "$out" trim 0s "${CLIP_SAMPLES}s"

    rm -rf "$tmp"
}

if [[ ${1:-} == --clip ]]; then
    shift
    make_clip "$@"
    exit 0
fi

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
start_time=$(date +%s)

missing=()
for tool in espeak-ng sox soxi python3 xargs awk; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if (( ${#missing[@]} )); then
    echo "error: missing required tool(s): ${missing[*]}" >&2
    echo "       on Debian/Ubuntu: apt-get install -y espeak-ng sox python3 python3-numpy" >&2
    exit 1
fi
if ! python3 -c 'import numpy' 2>/dev/null; then
    echo "error: python3 module 'numpy' is required (pip install numpy)" >&2
    exit 1
fi
for voice in "${VOICES[@]}"; do
    if ! espeak-ng -v "$voice" -q "test" 2>/dev/null; then
        echo "error: espeak-ng voice '$voice' is not available" >&2
        exit 1
    fi
done

OUT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kws-sample-data.XXXXXX")
trap 'rm -rf "$WORK_DIR"' EXIT
FLOOR_WAV=$WORK_DIR/floor.wav
export OUT_DIR WORK_DIR FLOOR_WAV

echo "Output: $OUT_DIR"

# Remove previous output (only what this script creates).
for word in "${WORDS[@]}"; do
    rm -rf "${OUT_DIR:?}/$word"
done
rm -rf "${OUT_DIR:?}/_background_noise_" "$OUT_DIR/speakers.tsv"
for word in "${WORDS[@]}"; do
    mkdir -p "$OUT_DIR/$word"
done
mkdir -p "$OUT_DIR/_background_noise_"

# --- Background noise (sox -R: repeatable random numbers) -------------------
echo "Generating background noise ..."
BG=$OUT_DIR/_background_noise_
SOXN=(sox -R -D -n -r "$SAMPLE_RATE" -c 1 -b 16 -e signed-integer)
# (vol 0.5 right after synth leaves headroom so the filters cannot clip.)
# Pink noise, gently rolled off at the top like a real recording chain.
"${SOXN[@]}" "$BG/pink_noise.wav" synth "$NOISE_SECONDS" pinknoise \
    vol 0.5 lowpass 7000 highpass 30 norm -8
# Brown (red) noise: rumbly, low-frequency heavy.
"${SOXN[@]}" "$BG/brown_noise.wav" synth "$NOISE_SECONDS" brownnoise \
    vol 0.5 highpass 25 norm -8
# Hum: 50 Hz mains hum with harmonics over a slowly breathing fan/room noise.
sox -R -D -n -r "$SAMPLE_RATE" -c 5 -b 16 "$BG/hum_tmp.wav" synth "$NOISE_SECONDS" \
    brownnoise pinknoise sine 50 sine 100 sine 150
sox -R -D "$BG/hum_tmp.wav" -c 1 -b 16 "$BG/hum.wav" \
    vol 0.5 remix 1v0.45,2v0.10,3v0.20,4v0.12,5v0.06 \
    highpass 30 lowpass 3500 tremolo 0.25 20 norm -10
rm -f "$BG/hum_tmp.wav"

# Noise floor used under every clip (not shipped; random 1 s slices are taken).
sox -R -D -n -r "$SAMPLE_RATE" -c 1 -b 16 "$FLOOR_WAV" synth 60 pinknoise \
    vol 0.5 highpass 40 norm "$FLOOR_DB"

# --- Random plan ------------------------------------------------------------
echo "Planning $NUM_SPEAKERS speakers x ${#WORDS[@]} words ..."
PLAN=$WORK_DIR/plan.txt
python3 - "$SEED" "$NUM_SPEAKERS" "$NUM_FEMALE" "$OUT_DIR/speakers.tsv" "$PLAN" \
    "${VOICES[*]}" "${MALE_VARIANTS[*]}" "${FEMALE_VARIANTS[*]}" "${WORDS[*]}" \
    "$SPEED_MIN" "$SPEED_MAX" "$PITCH_MIN" "$PITCH_MAX" \
    "$PEAK_MIN_DB" "$PEAK_MAX_DB" "$FLOOR_VAR_DB" "$CLIP_SAMPLES" <<'PY'
import hashlib, sys
import numpy as np

(seed, n_spk, n_fem, spk_path, plan_path, voices, male, female, words,
 smin, smax, pmin, pmax, lmin, lmax, fvar, clip) = sys.argv[1:]
seed, n_spk, n_fem = int(seed), int(n_spk), int(n_fem)
voices, male, female, words = voices.split(), male.split(), female.split(), words.split()
smin, smax, pmin, pmax = int(smin), int(smax), int(pmin), int(pmax)
lmin, lmax, fvar, clip = float(lmin), float(lmax), float(fvar), int(clip)
rng = np.random.default_rng(seed)

# Speakers: distinct variants, voices spread evenly, random speed & pitch.
variants = list(rng.choice(female, n_fem, replace=False)) + \
           list(rng.choice(male, n_spk - n_fem, replace=False))
rng.shuffle(variants)
speakers, seen = [], set()
for k in range(n_spk):
    voice = voices[k % len(voices)]
    speed = int(rng.integers(smin, smax + 1))
    pitch = int(rng.integers(pmin, pmax + 1))
    spec = f"voice={voice} variant={variants[k]} speed={speed} pitch={pitch}"
    sid = hashlib.sha1(spec.encode()).hexdigest()[:8]
    assert sid not in seen, "speaker id collision"
    seen.add(sid)
    speakers.append((sid, voice, variants[k], speed, pitch, spec))

with open(spk_path, "w") as f:
    f.write("speaker_id\tvoice\tvariant\tspeed\tpitch\tspec\n")
    for s in speakers:
        f.write("\t".join(map(str, s)) + "\n")

# Clips: placement (early / centred / late / anywhere), peak level, floor.
floor_len = 60 * 16000
with open(plan_path, "w") as f:
    for word in words:
        for sid, voice, variant, speed, pitch, _ in speakers:
            mode = rng.integers(4)
            lo, hi = [(0, 150), (400, 600), (850, 1000), (0, 1000)][mode]
            place = int(rng.integers(lo, hi + 1))
            peak = round(float(rng.uniform(lmin, lmax)), 1)
            fgain = round(float(rng.uniform(-fvar, fvar)), 1)
            foff = int(rng.integers(0, floor_len - clip))
            f.write(f"{word} {sid} {voice} {variant} {speed} {pitch} "
                    f"{place} {peak} {fgain} {foff}\n")
PY

# --- Clips ------------------------------------------------------------------
total=$(wc -l < "$PLAN")
echo "Synthesising $total clips with $JOBS job(s) ..."
xargs -P "$JOBS" -n 10 "$OUT_DIR/$(basename "${BASH_SOURCE[0]}")" --clip < "$PLAN"

# --- Summary ----------------------------------------------------------------
bad=0
for word in "${WORDS[@]}"; do
    count=$(find "$OUT_DIR/$word" -name '*.wav' | wc -l)
    printf '  %-8s %3d clips\n' "$word" "$count"
    (( count == NUM_SPEAKERS )) || bad=1
done
printf '  %-8s %3d files\n' "_background_noise_" "$(find "$BG" -name '*.wav' | wc -l)"
if (( bad )); then
    echo "error: some word folders do not have $NUM_SPEAKERS clips" >&2
    exit 1
fi
echo "Total size: $(du -sh "$OUT_DIR" | cut -f1)   time: $(( $(date +%s) - start_time )) s"
