"""Probe 25 (session 10, H200): the working tree's backward (kernel helpers factored out, TAIL_N and
W_PER_ROW constexprs, two-block rows) against HEAD 26aebdd's at widths whose config did not
change (are outputs bitwise equal, times the same?) and at tail widths (old split config).
Same process, 3 interleaved rounds."""
import sys

import torch

from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

sys.path.insert(0, "ab")
sys.path.insert(0, "ab/old")
from probe7 import run_point  # noqa: E402
import kernels_old.layernorm as old  # noqa: E402

M = 4096


def backward(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    mods = {"new": ln, "old 26aebdd": old}

    def call(v):
        return mods[v]._backward(dy, x, w, mean, rstd, True, tdt)

    def check(v):
        for name, a, r in zip(("dx", "dw", "db"), call(v), ref):
            assert_close(a, r, tdt, f"{v} {name}")
        print(f"{dtype} {n} {v}: bitwise equal to new: "
              f"{all(torch.equal(a, c) for a, c in zip(call(v), call('new')))}", flush=True)

    run_point("backward", dtype, n, mods, call, check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, flush=True)
    for part in sys.argv[1:]:
        dtype, n = part.split(":")
        fam = cfg.gpu_family(torch.device("cuda"))
        print(dtype, n, cfg.backward_config(int(n), h.torch_dtype(dtype), fam), flush=True)
        backward(dtype, int(n))
