"""Probe 49 (fourteenth session): can a persistent row loop stream at copy speed at all? Probe
48: a flat Triton x + dy -> dx (many programs per SM) ran at 97-103% of copy at N >= 4096, the
same with our backward's grid (one program per SM, contiguous rows, loads pipelined through
shared memory, 3 stages, 1-row tiles) only 81% (bf16 4096), 91-93% (bf16 8192, fp32 4096),
70-76% (N = 1024) -- and our rows kernel without dweight/dbias 85-92%. So the grid shape
itself may be the backward's limit. Variants of the two-read, one-write row loop (P programs
per SM, S load stages, M rows a tile, W warps): deeper pipelines, wider tiles, more warps, more
programs per SM, and plain loops (S = 1) with several programs per SM. Prediction: more bytes
in flight per SM (S - 1 tiles x P) is what counts: P1 S6 and P2 S3 near the flat kernel, S = 1
with P = 1 far below. If only P > 1 gets there, the backward's one program per SM (its
accumulators) is the limit. PYTHONPATH=.:ab python <this file>"""

import torch
import triton
import triton.language as tl
from probe7 import run_point

from kernels.bench import harness as h

M = 4096


@triton.jit
def _add_rows(X, Y, Z, M, N, rows_per_program, BLOCK_M: tl.constexpr, BLOCK_N: tl.constexpr,
              STAGES: tl.constexpr):  # fmt: skip
    start = tl.program_id(0) * rows_per_program
    end = tl.minimum(start + rows_per_program, M)
    cols = tl.arange(0, BLOCK_N)
    for r in tl.range(start, end, BLOCK_M, num_stages=STAGES):
        rows = r + tl.arange(0, BLOCK_M)
        offs = rows[:, None] * N + cols[None, :]  # int32: M * N < 2**31 here
        mask = (rows < end)[:, None]
        z = tl.load(X + offs, mask=mask).to(tl.float32) + tl.load(Y + offs, mask=mask).to(
            tl.float32
        )
        tl.store(Z + offs, z.to(Z.dtype.element_ty), mask=mask)


@triton.jit
def _add_flat(X, Y, Z, total, BLOCK: tl.constexpr):
    offs = tl.program_id(0).to(tl.int64) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < total
    z = tl.load(X + offs, mask=mask).to(tl.float32) + tl.load(Y + offs, mask=mask).to(tl.float32)
    tl.store(Z + offs, z.to(Z.dtype.element_ty), mask=mask)


# (programs per SM, stages, rows a tile, warps)
VARIANTS = [
    (1, 3, 1, 8),  # probe 48's "triton rows"
    (1, 4, 1, 8),
    (1, 6, 1, 8),
    (1, 8, 1, 8),
    (1, 3, 2, 8),
    (1, 5, 2, 8),
    (1, 3, 1, 16),
    (1, 6, 1, 16),
    (2, 3, 1, 8),
    (2, 4, 1, 8),
    (4, 3, 1, 4),
    (1, 1, 1, 8),
    (2, 1, 1, 8),
    (4, 1, 1, 8),
    (8, 1, 1, 4),
]


def point(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, dy = inp["x"], inp["dy"]
    dx = torch.empty_like(x)
    sms = torch.cuda.get_device_properties(0).multi_processor_count
    fns = {}
    for p, s, bm, w in VARIANTS:
        stage_bytes = 2 * bm * n * x.element_size()
        if (s - 1) * stage_bytes > 200 * 1024:
            continue
        rows = triton.cdiv(M, p * sms)
        fns[f"P{p} S{s} M{bm} W{w}"] = lambda rows=rows, s=s, bm=bm, w=w: _add_rows[
            (triton.cdiv(M, rows),)
        ](x, dy, dx, M, n, rows, BLOCK_M=bm, BLOCK_N=n, STAGES=s, num_warps=w)
    block = 16384 // x.element_size()
    fns["flat"] = lambda: _add_flat[(triton.cdiv(x.numel(), block),)](
        x, dy, dx, x.numel(), BLOCK=block, num_warps=8
    )
    add_ref = (x.float() + dy.float()).to(tdt)

    def check(v):
        dx.zero_()
        fns[v]()
        torch.testing.assert_close(dx, add_ref, atol=1e-6, rtol=2**-7, msg=v)  # 1 ulp

    run_point("backward", dtype, n, list(fns), lambda v: fns[v](), check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    for dtype, n in (("bfloat16", 4096), ("float32", 4096), ("bfloat16", 1024), ("bfloat16", 8192)):
        point(dtype, n)
