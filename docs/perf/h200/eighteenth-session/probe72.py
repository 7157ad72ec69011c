"""Probe 72 (eighteenth session): is the split rows' cost the waiting for the group, or the
exchange's own round trip?

Probe 71: without any exchange (the second launch of the two-launch path alone, its sums
already written) 16-bit split rows run at 87-91% of copy, with the exchange 72-77%. Here a
third variant, "slots already written": the exchange kernel (publishing, then polling its
slots in inline asm) on a buffer that a previous call of the same config filled with the same
sums, so every poll finds its slots written at once: nobody waits for anyone, but each tile
still pays the publish and one poll round trip (a dependent L2 load the pipeliner cannot issue
early, unlike the LOAD launch's tl.load). Prediction: if it lands near the rule, the round trip
is the cost (and the fix is to issue the poll's loads before the tile's own work); near "no
wait", the waiting is.
Method as probes 63-71 (probe7.run_point), M = 4096. From the repository root, with
ab/probe7.py and carry ["ab"]:
  PYTHONPATH=.:ab python docs/perf/h200/eighteenth-session/probe72.py
"""

import dataclasses

import torch

from kernels import config as cfg

M = 4096
R = dataclasses.replace
POINTS = [("bfloat16", 16384), ("bfloat16", 32768), ("bfloat16", 65536), ("float32", 32768)]


def backward(dtype, n):
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
    # The buffers are kept by variant name (two variants share the rule's config).
    vs = {"rule": rule, "slots already written": rule, "no wait": R(rule, exchange=False)}
    buffers = {}
    orig = ln._row_sums_buffers
    current = {}

    def patched(x_, conf, programs):
        name = current["v"]
        if name == "rule":
            return orig(x_, conf, programs)
        if name not in buffers:
            buffers[name] = orig(x_, conf, programs)
            return buffers[name]
        modes, sums = buffers[name]
        return (modes[-1],), sums  # exchange: the filled slots; two-launch: LOAD alone

    ln._row_sums_buffers = patched

    def call(v):
        current["v"] = v
        return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])

    def check(v):
        for _ in range(5):
            for name, a, r in zip(("dx", "dw", "db"), call(v), ref, strict=True):
                assert_close(a, r, tdt, f"{v} {name}")

    print(f"backward {dtype} {n}: rule {rule}", flush=True)
    try:
        probe7.run_point("backward", dtype, n, vs, call, check)
    finally:
        ln._row_sums_buffers = orig


if __name__ == "__main__":
    for dtype, n in POINTS:
        backward(dtype, n)
