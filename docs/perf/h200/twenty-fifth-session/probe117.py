"""Probe 117 (twenty-fifth session): which of the harness's two copies is the faster one.

Since b394032 the harness measures the copy twice a point (before the other providers and after
them, in the default order triton, torch, torch_compile, copy) and keeps the faster. Call 2's
main job then read 16-bit 2048 at 82-83% of copy (95% in the twenty-fourth session's bench):
the copy ran 11.6 us there. Here `harness.run` over the points where the copy moved, 2 repeats,
with every measurement recorded in order (both copies' medians, ours, torch.compile).
  PYTHONPATH=. python docs/perf/h200/twenty-fifth-session/probe117.py
"""

import torch

from kernels.bench import harness as h

POINTS = [("forward", d, n) for d in ("float32", "float16", "bfloat16") for n in (2048, 4096)]
POINTS += [("forward", "bfloat16", 8192), ("backward", "bfloat16", 4096)]

if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    log = []
    measure = h.measure

    def recording(provider, mode, M, N, dtype, **kw):
        m = measure(provider, mode, M, N, dtype, **kw)
        log.append(m)
        return m

    h.measure = recording
    for rep in range(2):
        for mode, dtype, n in POINTS:
            log.clear()
            h.run([(h.M, n)], (dtype,), (mode,), progress=False)
            times = " ".join(f"{m.provider}={m.ms * 1e3:6.2f}" for m in log)
            copies = [m.ms for m in log if m.provider == "copy"]
            ours = next(m.ms for m in log if m.provider == "triton")
            pct = " ".join(f"{c / ours * 100:5.1f}" for c in copies)
            print(f"rep {rep} {mode:8s} {dtype:8s} {n:5d}  {times}  ours % of copy first, last: {pct}",
                  flush=True)
