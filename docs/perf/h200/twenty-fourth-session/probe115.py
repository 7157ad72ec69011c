"""Probe 115 (twenty-fourth session): the harness's sweep with the copy measured first at each
point instead of right after torch_compile.

Entry 56 (probe 114): in the harness's own cases the provider order moves the copy (±5% right
after torch_compile), not ours. Here `harness.run` twice per order, alternating: A the default
(triton, torch, torch_compile, copy), B (copy, triton, torch, torch_compile), C (triton,
torch_compile, copy, torch; from the second run, probe115-2.txt), forward, fp32
and bf16 at N = 2048, 4096, 8192, M = 4096. Printed: ours' % of copy and the copy's µs per run.
  PYTHONPATH=. python docs/perf/h200/twenty-fourth-session/probe115.py
"""

import torch

from kernels.bench import harness as h

ORDERS = {"A": ("triton", "torch", "torch_compile", "copy"),
          "B": ("copy", "triton", "torch", "torch_compile"),
          "C": ("triton", "torch_compile", "copy", "torch")}
SHAPES = [(4096, n) for n in (2048, 4096, 8192)]

if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    rows = []
    for rep in range(2):
        for name, order in ORDERS.items():
            df = h.run(SHAPES, ("float32", "bfloat16"), ("forward",), order, progress=False)
            for (dt, n), g in df.groupby(["dtype", "N"]):
                t = g.set_index("provider")
                rows.append((dt, n, name, rep, t.loc["triton", "pct_copy"], t.loc["copy", "ms"] * 1e3,
                             t.loc["triton", "ms"] * 1e3))
    for dt, n, name, rep, pct, copy_us, ours_us in sorted(rows):
        print(f"{dt:8s} {n:5d} order {name} run {rep + 1}: ours {pct:5.1f}% of copy "
              f"(ours {ours_us:6.2f} us, copy {copy_us:6.2f} us)", flush=True)
