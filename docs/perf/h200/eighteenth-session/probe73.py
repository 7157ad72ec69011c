"""Probe 73 (eighteenth session): the lagged exchange's poll issued early.

Probe 72: lagged 16-bit split rows cost as much with their slots already written as with the
exchange (72-76% of copy against 87-91% without any exchange), so the cost is the exchange's
own round trip per tile, not the waiting for the group. Candidate (ab/kernels_early, a copy of
the package with this change only): iteration i issues the loads of the held tile's slots
(plain relaxed loads in inline asm, no test) at its top, before tile i's own loads, reductions
and publish, and tests them only where the held tile is finished (spinning only if a slot
still reads UNWRITTEN). Offline sm_90 compile: 250-255 registers, no spills; the PTX has the
loads before the tile's cp.async wait. Prediction: +5-10 points at bf16 24576-65536 if the
round trip is latency; nothing if the poll queues behind the SM's streaming loads wherever it
is issued.
Method as probes 63-72 (probe7.run_point), M = 4096; the candidate's dx bitwise the rule's.
From the repository root, with ab/probe7.py and ab/kernels_early (carry ["ab"]):
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe73.py
"""

import torch

from kernels import config as cfg

M = 4096
POINTS = [("bfloat16", 32768), ("bfloat16", 65536), ("float16", 32768), ("bfloat16", 24576)]


def backward(dtype, n):
    import kernels_early.layernorm as early
    import probe7

    from kernels import layernorm as ln
    from kernels.bench import harness as h
    from kernels.reference import assert_close, reference_grads

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    rule = cfg.backward_config(n, tdt, "H200", cfg.max_shared_memory(x.device), tdt.itemsize)
    fns = {"rule": ln._backward, "early poll": early._backward}
    base = {}

    def call(v):
        return fns[v](dy, x, w, mean, rstd, True, tdt, conf=rule)

    def check(v):
        for _ in range(5):
            got = call(v)
            for name, a, r in zip(("dx", "dw", "db"), got, ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")
        base.setdefault("dx", got[0])
        assert torch.equal(got[0], base["dx"]), f"{v}: dx not bitwise the rule's"

    print(f"backward {dtype} {n}: rule {rule}", flush=True)
    probe7.run_point("backward", dtype, n, fns, call, check)


if __name__ == "__main__":
    for dtype, n in POINTS:
        backward(dtype, n)
