"""Probe 114 (twenty-fourth session): on whatever VM this is, does the harness's provider order
move ours against the copy, and does interleaving call by call remove it?

Entry 56: on one VM (probes 107-108) ours ran 6-13% slower after the copy's measurement until
torch.compile's came; on another (probe 109) ours was steady and the copy faster after
torch.compile's; probe 110 (on the second VM) found the harness's order and interleaving alike.
Part 1 classifies the VM: bf16 2048, the table's tile, torch.compile and the copy in 6 rounds
of rotated order (probe 108's method). Part 2: probe 110's sequential (harness order: triton,
torch, torch_compile, copy), the same with the order (torch_compile, triton, copy, torch), and
interleaved call by call, 3 rounds each, at bf16 2048, fp32 2048 and bf16 4096.
  PYTHONPATH=.:ab:docs/perf/h200/twenty-fourth-session python docs/perf/h200/twenty-fourth-session/probe114.py
"""

import probe108
import probe110
import torch

from kernels.bench import harness as h

ORDER_B = ("torch_compile", "triton", "copy", "torch")


def point(dtype, n):
    cases = {p: h.prepare(p, "forward", probe110.M, n, dtype) for p in probe110.PROVIDERS}
    for r in range(3):
        probe110.line(f"S{r + 1}", dtype, n, [h.time_case(cases[p]).ms for p in probe110.PROVIDERS])
    for r in range(3):
        ms = {p: h.time_case(cases[p]).ms for p in ORDER_B}
        probe110.line(f"B{r + 1}", dtype, n, [ms[p] for p in probe110.PROVIDERS])
    for r in range(3):
        probe110.line(f"I{r + 1}", dtype, n, probe110.interleaved([cases[p].fn for p in probe110.PROVIDERS]))
    del cases
    torch.cuda.empty_cache()


if __name__ == "__main__":
    torch._dynamo.config.recompile_limit = 1000
    probe108.point("bfloat16", 2048, ())
    torch._dynamo.reset()  # else the harness's check sees no new graph for this shape
    for args in (("bfloat16", 2048), ("float32", 2048), ("bfloat16", 4096)):
        point(*args)
