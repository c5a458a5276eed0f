#!/usr/bin/env python3
"""Checks that KWS Studio's training does the same mathematics as PyTorch.

`java -jar target/kws-studio.jar bench parity --model M` exports the model's initial weights, a fixed batch
and the losses of plain-SGD steps (no dropout). This script loads the weights into the PyTorch model of
bench/pytorch_reference.py (conv kernels YXIO -> OIYX, dense [in, out] -> [out, in]), repeats the steps and
compares the losses. Exit 1 when a loss differs by more than the tolerance (relative, default 1e-4).

    /usr/bin/python3 bench/parity_check.py bench/out/parity/conv [--tolerance 1e-4]
"""
import argparse
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import MODELS, FRAMES, BINS  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    a = ap.parse_args()
    m = json.load(open(os.path.join(a.dir, "manifest.json")))
    torch.manual_seed(0)
    model = MODELS[m["model"]]()
    params = list(model.parameters())
    if len(params) != len(m["variables"]):
        sys.exit(f"{m['model']}: PyTorch has {len(params)} parameter tensors, the export {len(m['variables'])}")
    with torch.no_grad():
        for i, (p, v) in enumerate(zip(params, m["variables"])):
            w = np.load(os.path.join(a.dir, f"{i}.npy")).reshape(v["shape"])
            if v["name"].endswith("_beta"):
                w = w.reshape(-1)  # batch-norm offset [1, C, 1, 1] -> [C]
            elif w.ndim == 4 and w.shape[3] == 1 and p.shape[1] == 1 and w.shape[2] == p.shape[0] and w.shape[2] > 1:
                w = w.transpose(2, 3, 0, 1)  # depthwise [kh, kw, channels, 1] -> [channels, 1, kh, kw]
            elif w.ndim == 4:
                w = w.transpose(3, 2, 0, 1)  # [kh, kw, in, out] -> [out, in, kh, kw]
            elif w.ndim == 2:
                w = w.T  # [in, out] -> [out, in]
            if tuple(w.shape) != tuple(p.shape):
                sys.exit(f"{v['name']}: shape {w.shape} does not fit PyTorch's {tuple(p.shape)}")
            p.copy_(torch.from_numpy(np.ascontiguousarray(w)))
    x = torch.from_numpy(np.load(os.path.join(a.dir, "x.npy"))).reshape(-1, 1, FRAMES, BINS)
    y = torch.from_numpy(np.load(os.path.join(a.dir, "y.npy")).reshape(-1).astype(np.int64))
    model.train()  # dropout is off in the export: both sides use dropout 0 via F.dropout(p) only when p > 0
    opt = torch.optim.SGD(model.parameters(), lr=m["learning_rate"])
    worst = 0.0
    print(f"{m['model']}: step, java loss, pytorch loss, relative difference")
    for step, java in enumerate(m["losses"], 1):
        opt.zero_grad()
        loss = F.cross_entropy(no_dropout(model, x), y)
        loss.backward()
        opt.step()
        diff = abs(loss.item() - java) / max(abs(java), 1e-12)
        worst = max(worst, diff)
        print(f"  {step}  {java:.7f}  {loss.item():.7f}  {diff:.2e}")
    ok = worst <= a.tolerance
    print(f"{'PASS' if ok else 'FAIL'}: largest relative difference {worst:.2e} (tolerance {a.tolerance:g})")
    sys.exit(0 if ok else 1)


def no_dropout(model, x):
    """Forward pass with dropout disabled but batch norm in training mode, as the export's run."""
    orig = F.dropout
    F.dropout = lambda t, p=0.5, training=True, inplace=False: t
    try:
        return model(x)
    finally:
        F.dropout = orig


if __name__ == "__main__":
    main()
