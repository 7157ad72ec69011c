"""Probe 20 (session 9, H200): the backward with groups capped at BWD_MAX_SPLITS (new)
against the earlier blocking (old), at widths where they differ. From probe 17: split-row backward without an exchange (recompute: every program
of a group reads the other slices' x and dy to compute the whole rows' sums itself) against the
exchange (the default). Same-process rounds against a copy of the same bytes (probe7.run_point).
Also checks that dx is bitwise the exchange's for the same slicing."""
import dataclasses
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
from probe7 import run_point  # noqa: E402

M = 4096
R = dataclasses.replace
B = cfg.BackwardConfig
FAM = cfg.gpu_family(torch.device("cuda"))


def old_config(n, tdt):
    """backward_config before this session's group cap (groups of any size)."""
    size, max_block = tdt.itemsize, cfg.BWD_MAX_BLOCK[tdt.itemsize]
    slice_ = min(max_block, max(cfg.BWD_SLICE[size], cfg.padded_width(n) // cfg.BWD_MAX_SPLITS))
    block_n, splits = cfg._blocking(n, max_block, slice_)
    block_m = max(1, cfg.BWD_SPLIT_TILE_ELEMS // block_n)
    warps = cfg.BWD_SPLIT_WARPS.get((size, block_n), cfg.BWD_WARPS)
    return B(block_n, splits, block_m, warps, 1, **cfg.backward_loads(block_n, splits))


def variants(tdt, n, d):
    old = old_config(n, tdt)
    return {"new " + label(d): d, "old " + label(old): old}


def label(c):
    how = "rc" if c.recompute else "ex"
    loads = f"st{c.load_stages}" if c.load_stages > 1 else "pf"
    return f"{c.block_n}x{c.splits} m{c.block_m} w{c.num_warps} {loads} {how}"


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    vs = variants(tdt, n, cfg.backward_config(n, tdt, FAM))

    def call(v):
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(3):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
                assert_close(a, r, tdt, f"{v} {name}")

    run_point("backward", dtype, n, vs, call, check)


if __name__ == "__main__":
    print(FAM, torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        print(f"{dtype} {n} default: {cfg.backward_config(int(n), h.torch_dtype(dtype), FAM)}", flush=True)
        backward(dtype, int(n))
