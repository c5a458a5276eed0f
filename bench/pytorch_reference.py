#!/usr/bin/env python3
"""PyTorch reference for KWS Studio's training speed (bench/compare-train.sh runs both side by side).

The same models as io.kwsstudio.train.ModelZoo at their default sizes (docs/models.md), the same input
(98 frames x 40 MFCC, NCHW with one channel), 12 labels, batch, Adam and thread count; full training
steps (forward, cross-entropy, backward, update) on a fixed random batch after warm-up.

Install: apt-get install -y python3-torch   (Debian's PyTorch 1.13; run with /usr/bin/python3)

    /usr/bin/python3 bench/pytorch_reference.py --model conv [--batch 100] [--steps 30] [--threads 2] [--json]
"""
import argparse
import json
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

FRAMES, BINS, LABELS = 98, 40, 12


def same_pad(kernel):
    """TF 'SAME' padding for stride 1: (before, after) per dimension, more after when uneven."""
    total = kernel - 1
    return total // 2, total - total // 2


class SameConv(nn.Module):
    """Conv2d with TF SAME padding (also for strides > 1 and even kernels)."""

    def __init__(self, cin, cout, kh, kw, sh=1, sw=1, bias=True, groups=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, (kh, kw), (sh, sw), bias=bias, groups=groups)
        self.k, self.s = (kh, kw), (sh, sw)

    def forward(self, x):
        pads = []
        for dim, k, s in ((3, self.k[1], self.s[1]), (2, self.k[0], self.s[0])):
            size = x.shape[dim]
            out = -(-size // s)
            total = max((out - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return self.conv(F.pad(x, pads))


class Conv(nn.Module):  # cnn-trad-fpool3 as the reference 'conv'
    def __init__(self):
        super().__init__()
        self.c1 = SameConv(1, 64, 20, 8)
        self.c2 = SameConv(64, 64, 10, 4)
        self.fc = nn.Linear(64 * 49 * 20, LABELS)

    def forward(self, x):
        x = F.dropout(F.relu(self.c1(x)), 0.5, self.training)
        x = F.max_pool2d(F.pad(x, [0, 0, 0, 0]), 2, 2, ceil_mode=True)
        x = F.dropout(F.relu(self.c2(x)), 0.5, self.training)
        return self.fc(x.flatten(1))


class LowLatencyConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 186, (FRAMES, 8))
        self.f1 = nn.Linear(186 * (BINS - 8 + 1), 128)
        self.f2 = nn.Linear(128, 128)
        self.fc = nn.Linear(128, LABELS)

    def forward(self, x):
        x = F.dropout(F.relu(self.c1(x)), 0.5, self.training).flatten(1)
        x = F.dropout(self.f1(x), 0.5, self.training)
        x = F.dropout(self.f2(x), 0.5, self.training)
        return self.fc(x)


class TinyConv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = SameConv(1, 8, 10, 8, 2, 2)
        self.fc = nn.Linear(8 * 49 * 20, LABELS)

    def forward(self, x):
        return self.fc(F.dropout(F.relu(self.c1(x)), 0.5, self.training).flatten(1))


class OffsetBatchNorm(nn.Module):
    """Batch norm with a learned offset and no scale, as KWS Studio's DS-CNN (TF-slim style)."""

    def __init__(self, ch, eps=1e-3):
        super().__init__()
        self.norm = nn.BatchNorm2d(ch, eps=eps, affine=False, momentum=0.01)
        self.beta = nn.Parameter(torch.zeros(ch))

    def forward(self, x):
        return self.norm(x) + self.beta[None, :, None, None]


class DsBlock(nn.Module):
    def __init__(self, ch, stride):
        super().__init__()
        self.dw = SameConv(ch, ch, 3, 3, stride, stride, bias=False, groups=ch)
        self.bd = OffsetBatchNorm(ch)
        self.pw = nn.Conv2d(ch, ch, 1, bias=False)
        self.bp = OffsetBatchNorm(ch)

    def forward(self, x):
        return F.relu(self.bp(self.pw(F.relu(self.bd(self.dw(x))))))


class DsCnn(nn.Module):  # ds_cnn_s: conv 10x4 stride 2x2, 4 depthwise-separable blocks of 64, BN, avg pool
    def __init__(self, ch=64, blocks=4):
        super().__init__()
        self.c1 = SameConv(1, ch, 10, 4, 2, 2, bias=False)
        self.b1 = OffsetBatchNorm(ch)
        self.blocks = nn.ModuleList(DsBlock(ch, 1) for _ in range(blocks))
        self.fc = nn.Linear(ch, LABELS)

    def forward(self, x):
        x = F.relu(self.b1(self.c1(x)))
        for b in self.blocks:
            x = b(x)
        return self.fc(x.mean((2, 3)))


MODELS = {"conv": Conv, "low_latency_conv": LowLatencyConv, "tiny_conv": TinyConv, "ds_cnn_s": DsCnn, "ds_cnn": DsCnn}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="conv", choices=sorted(MODELS))
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = MODELS[a.model]()
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    x = torch.randn(a.batch, 1, FRAMES, BINS)
    y = torch.arange(a.batch) % LABELS
    for _ in range(a.warmup):
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    secs = (time.perf_counter() - t0) / a.steps
    model.eval()
    one = torch.randn(1, 1, FRAMES, BINS)
    times = []
    with torch.no_grad():
        for i in range(80):
            t = time.perf_counter()
            model(one)
            if i >= 20:
                times.append((time.perf_counter() - t) * 1000)
    times.sort()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    r = {"model": a.model, "batch": a.batch, "steps": a.steps, "threads": a.threads, "examples_per_second": a.batch / secs,
         "seconds_per_step": secs, "peak_rss_mb": rss, "forward_ms": times[len(times) // 2]}
    if a.json:
        print(json.dumps(r))
    else:
        print(f"{a.model}, batch {a.batch}, {a.threads} threads: {r['examples_per_second']:.1f} examples/s "
              f"({secs:.3f} s per step); peak RSS {rss:.0f} MB; one clip forward {r['forward_ms']:.2f} ms")


if __name__ == "__main__":
    main()
