"""Probe 116 (prepared in the twenty-fourth session, run in the twenty-fifth): the default sweep with the copy
measured in two positions, to choose how the harness should measure its roofline.

Entry 56, probes 114-115: the copy's time can move 5-10% with the measurement before it (at
bf16 2048 on one VM 10% faster right after torch_compile's measurement of the same point; at
bf16 4096 on another 5% slower), while ours, with its own inputs, does not move. Proposal: take
the faster of a copy measured first and one measured after torch_compile (never flatters ours,
robust to the order). Here `harness.run` over the default forward and backward sweep (M =
4096, N = 256-32768, three dtypes) in order A (the harness's: triton, torch, torch_compile,
copy) and B (copy, triton, torch, torch_compile), then per point: ours' % of copy with A's copy,
with B's, and with the faster of the two. About 4 minutes.
  PYTHONPATH=. python docs/perf/h200/twenty-fifth-session/probe116.py
"""

import torch

from kernels.bench import harness as h

ORDERS = {"A": ("triton", "torch", "torch_compile", "copy"),
          "B": ("copy", "triton", "torch", "torch_compile")}

if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    runs = {name: h.run(None, h.DTYPES, ("forward", "backward"), order, progress=False)
            for name, order in ORDERS.items()}
    keys = ["mode", "dtype", "N", "provider"]
    a, b = (runs[k].set_index(keys)["ms"] for k in ORDERS)
    print("mode     dtype        N  ours us (A, B)   copy us (A, B)   ours % of copy: A, B, faster copy")
    for mode, dtype, n, provider in a.index:
        if provider != "triton":
            continue
        ours = (a[mode, dtype, n, "triton"], b[mode, dtype, n, "triton"])
        copy = (a[mode, dtype, n, "copy"], b[mode, dtype, n, "copy"])
        pct = [c / t * 100 for c, t in zip(copy, ours)] + [min(copy) / min(ours) * 100]
        print(f"{mode:8s} {dtype:8s} {n:6d}  {ours[0] * 1e3:7.2f} {ours[1] * 1e3:7.2f}  "
              f"{copy[0] * 1e3:7.2f} {copy[1] * 1e3:7.2f}   {pct[0]:5.1f} {pct[1]:5.1f} {pct[2]:5.1f}",
              flush=True)
