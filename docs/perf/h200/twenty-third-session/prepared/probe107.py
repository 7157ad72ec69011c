"""Probe 107 (prepared in the twenty-third session, NOT RUN): what sets a tile's two speeds?

Probe 104: 16-bit 512 at 2 rows of 1 warp ran 6.78-6.85 us when torch.compile's measurement (or
the checks) came before it and 7.23-7.36 when the copy's did; other tiles were steady. Here,
in one process, sequences of measurements with the GPU's SM and memory clocks and throttle
reasons (nvidia-smi) read after each, and the addresses of the output and of the harness's
flush buffer: copy, then the tile 3 times and inductor's kernel at the same tile
(`../inductor_like.py`, launched by Triton) twice; the same after torch.compile, after the
table's tile and after a 1 s sleep. 3 rounds. torch.compile (inductor's kernel at this tile)
stayed fast in every position of probe 104, so if inductor's kernel under our launcher stays
fast too where ours is slow, the two speeds belong to our code (offline, ours spreads its
parameter loads between the reductions and inductor's groups them: `../load-order.txt`), else
to the state.
Questions: does the state persist over several measurements; is it a clock or power state
(clocks differ between the speeds) or an allocator one (addresses differ); which measurement
sets which state.
  PYTHONPATH=.:ab python docs/perf/h200/twenty-third-session/prepared/probe107.py
"""

import os
import subprocess
import sys
import time
from dataclasses import replace

import probe7
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from inductor_like import inductor_layer_norm  # noqa: E402

from kernels import config as cfg  # noqa: E402
from kernels import layernorm as ln  # noqa: E402
from kernels.bench import harness as h  # noqa: E402
from kernels.reference import assert_close, layer_norm_reference  # noqa: E402

M, N, DTYPE = 4096, 512, "float16"
QUERY = "clocks.sm,clocks.mem,clocks_throttle_reasons.active,power.draw"


def clocks():
    out = subprocess.run(
        ["nvidia-smi", f"--query-gpu={QUERY}", "--format=csv,noheader,nounits"],
        capture_output=True, text=True,
    ).stdout.strip()
    return out.replace(" ", "")


def main():
    tdt = getattr(torch, DTYPE)
    inp = h._random_inputs(M, N, DTYPE, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]
    ref = layer_norm_reference(x, (N,), w, b, 1e-5)
    rule = cfg.forward_config(N, tdt, "H200")
    tile = replace(rule, block_m=2, num_warps=1)
    compiled = torch.compile(F.layer_norm, dynamic=False, fullgraph=True)
    copy = h._copy_case("forward", M, N, DTYPE, torch.device("cuda"))
    def inductor():
        y = torch.empty_like(x)
        inductor_layer_norm[(M // 2,)](x, w, b, y, M, N, R0_BLOCK=N, XBLOCK=2, num_warps=1)
        return y

    fns = {
        "r2 w1": lambda: ln._forward(x, w, b, 1e-5, tile, stats=False)[0],
        "inductor's r2 w1": inductor,
        "table": lambda: ln._forward(x, w, b, 1e-5, rule, stats=False)[0],
        "torch.compile": lambda: compiled(x, (N,), w, b, 1e-5),
    }
    for v, f in fns.items():
        for _ in range(2):
            assert_close(f(), ref, tdt, v)
    fns["copy"] = copy.fn
    flush_at = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda").data_ptr()
    print(f"{DTYPE} {N}: table {rule.block_m} rows {rule.num_warps} warps; "
          f"clocks as {QUERY}; a fresh flush buffer lands at {hex(flush_at % (1 << 36))}")

    def measure(v):
        us = probe7.med(fns[v]) * 1e3
        out = fns[v]() if v != "copy" else None
        at = hex(out.data_ptr() % (1 << 36)) if out is not None else "-"
        print(f"  {v:16s} {us:6.2f} us  out@{at}  {clocks()}", flush=True)

    for r in range(3):
        print(f"round {r + 1}")
        for first in ("copy", "torch.compile", "table", "sleep"):
            if first == "sleep":
                time.sleep(1.0)
                print("  (1 s sleep)")
            else:
                measure(first)
            for _ in range(3):
                measure("r2 w1")
            for _ in range(2):
                measure("inductor's r2 w1")


if __name__ == "__main__":
    main()
