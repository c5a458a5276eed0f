#!/usr/bin/env python3
"""Reference-style dataset indexing, for comparison with `kws-studio bench dataset`.

Does what TensorFlow speech_commands' prepare_data_index does before training: glob DATA/*/*.wav
and decide each file's set with which_set (SHA-1 of the name without _nohash_...). Pure Python
standard library, like the reference.
"""
import glob
import hashlib
import os
import re
import sys
import time

MAX_NUM_WAVS_PER_CLASS = 2 ** 27 - 1


def which_set(filename, validation_percentage=10, testing_percentage=10):
    base_name = os.path.basename(filename)
    hash_name = re.sub(r'_nohash_.*$', '', base_name)
    hash_name_hashed = hashlib.sha1(hash_name.encode()).hexdigest()
    percentage_hash = ((int(hash_name_hashed, 16) % (MAX_NUM_WAVS_PER_CLASS + 1))
                       * (100.0 / MAX_NUM_WAVS_PER_CLASS))
    if percentage_hash < validation_percentage:
        return 'validation'
    if percentage_hash < (testing_percentage + validation_percentage):
        return 'testing'
    return 'training'


def index(data_dir):
    sets = {'validation': [], 'testing': [], 'training': []}
    for wav_path in glob.glob(os.path.join(data_dir, '*', '*.wav')):
        _, word = os.path.split(os.path.dirname(wav_path))
        if word == '_background_noise_':
            continue
        sets[which_set(wav_path)].append({'label': word, 'file': wav_path})
    return sets


if __name__ == '__main__':
    data_dir = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for i in range(repeat):
        t0 = time.perf_counter()
        sets = index(data_dir)
        dt = time.perf_counter() - t0
        n = sum(len(v) for v in sets.values())
        print(f"python reference index #{i + 1}: {n} clips in {dt:.3f} s")
