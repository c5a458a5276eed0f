#!/usr/bin/env python3
"""NumPy reference for KWS Studio's MFCC features, for side-by-side speed and parity checks.

A straightforward vectorized implementation of TensorFlow's AudioSpectrogram + Mfcc ops (periodic
Hann window, FFT of the next power of two, magnitude squared; sqrt, TF's mel filterbank, log with a
1e-12 floor, DCT-II) with the reference defaults: 16 kHz, 1 s clips, 30 ms window, 10 ms stride,
40 mel channels from 20 to 4000 Hz, 40 coefficients.

    python3 bench/numpy_features.py [clips]          # clips/s on one core
    python3 bench/numpy_features.py --mfcc in.f32 out.f32   # MFCC of raw float32 audio (parity check)
"""
import os
import sys

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402

SR, CLIP, WIN, STRIDE, CH, COEF, LO, HI = 16000, 16000, 480, 160, 40, 40, 20.0, 4000.0


def mel(f):
    return 1127.0 * np.log1p(f / 700.0)


def filterbank_matrix(nbins):
    """TF's MfccMelFilterbank as a dense (nbins x channels) matrix."""
    mel_lo, mel_hi = mel(LO), mel(HI)
    centres = mel_lo + (mel_hi - mel_lo) / (CH + 1) * (np.arange(CH + 1) + 1)
    hz_per_bin = 0.5 * SR / (nbins - 1)
    start, end = int(1.5 + LO / hz_per_bin), int(HI / hz_per_bin)
    m = np.zeros((nbins, CH))
    for i in range(start, end + 1):
        melf = mel(i * hz_per_bin)
        ch = int(np.searchsorted(centres[:CH], melf, side="left")) - 1
        if ch >= 0:
            w = (centres[ch + 1] - melf) / (centres[ch + 1] - centres[ch])
            m[i, ch] += w
        else:
            w = (centres[0] - melf) / (centres[0] - mel_lo)
        if ch + 1 < CH:
            m[i, ch + 1] += 1.0 - w
    return m


FFT = 1 << (WIN - 1).bit_length()
WINDOW = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(WIN) / WIN)
FB = filterbank_matrix(FFT // 2 + 1)
DCT = np.sqrt(2.0 / CH) * np.cos(np.pi * np.outer(np.arange(COEF), np.arange(CH) + 0.5) / CH)
FRAMES = 1 + (CLIP - WIN) // STRIDE
IDX = np.arange(WIN)[None, :] + STRIDE * np.arange(FRAMES)[:, None]


def mfcc(audio):
    frames = audio[IDX] * WINDOW
    power = np.abs(np.fft.rfft(frames, n=FFT)) ** 2
    fbank = np.sqrt(power) @ FB
    return np.log(np.maximum(fbank, 1e-12)) @ DCT.T


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--mfcc":
        audio = np.fromfile(sys.argv[2], dtype="<f4").astype(np.float64)
        mfcc(audio).astype("<f4").tofile(sys.argv[3])
        return
    clips = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    rng = np.random.default_rng(1)
    audio = (rng.standard_normal((64, CLIP)) * 0.1).astype(np.float32)
    for i in range(50):
        mfcc(audio[i % 64])
    t0 = time.perf_counter()
    for i in range(clips):
        mfcc(audio[i % 64])
    dt = time.perf_counter() - t0
    print(f"numpy 1 thread: {clips / dt:.0f} clips/s")


if __name__ == "__main__":
    main()
