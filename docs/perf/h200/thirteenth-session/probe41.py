"""Probe 41 (thirteenth session): every exact-chunk streamed forward config of the H200 rules
(37 (N, dtype) points), with the lane counts carried through pass 1 (count_once=False, the kernel
before this session) against counted once after it (count_once=True), and counted once with
twice the warps where that is at most 32 (halving each thread's share of the row). Probe 39 ran
the same change on 19 points: +1.5 to +8 points where a thread holds at most 96 B of the row,
-3 to -13 where it holds 160 B or more (bf16 40960, 160 B: +3). Prediction: the rule
FWD_COUNT_ONCE_THREAD_BYTES = 128 picks the better variant at every point within noise; the
doubled warps recover part of the losses if the thread's share is what matters.
One process, 3 interleaved rounds; every variant first checked against the float64 reference.
Run from the repository root: PYTHONPATH=.:ab python docs/perf/h200/thirteenth-session/probe41.py"""

import dataclasses
import sys

import torch

import kernels
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close
from probe7 import run_point

M = 4096


def streamed_points():
    for dtype in ("bfloat16", "float16", "float32"):
        tdt = h.torch_dtype(dtype)
        for n in range(5120, 65536 + 1, 1024):
            conf = cfg.forward_config(n, tdt, "H200")
            if conf.lane_stats:
                yield dtype, n, conf


def variants(n, tdt, conf):
    share = n * tdt.itemsize // (32 * conf.num_warps)
    vs = {
        f"carried ({share} B/thread)": dataclasses.replace(conf, count_once=False),
        "once": dataclasses.replace(conf, count_once=True),
    }
    if conf.num_warps < 32:
        vs[f"once, {2 * conf.num_warps} warps"] = dataclasses.replace(
            conf, count_once=True, num_warps=2 * conf.num_warps
        )
    return vs


def forward(dtype, n, conf):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    vs = variants(n, tdt, conf)
    print(f"  {dtype} {n} rule: {conf}", flush=True)

    def call(v):
        return ln._forward(x, w, b, 1e-5, vs[v])[0]

    def check(v):
        assert_close(call(v), ref, tdt, f"{v} y")

    run_point("forward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    only = set(sys.argv[1:])
    for dtype, n, conf in streamed_points():
        if not only or f"{dtype}:{n}" in only:
            forward(dtype, n, conf)
