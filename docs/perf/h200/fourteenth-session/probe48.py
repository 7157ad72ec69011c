"""Probe 48 (fourteenth session): the backward's stream ceiling. The backward reads two M x N
tensors and writes one (x, dy -> dx); the copy it is measured against reads one and writes one.
Is a two-read, one-write stream itself at copy speed on this GPU? Variants at M = 4096, each
moving the backward's bytes (3*M*N*s, within 0.1% of harness.bytes_moved):
  rule          our backward (dx, dw, db; rows kernel + partial sum)
  no dw/db      our rows kernel alone (one launch, no parameter gradients)
  torch.add     eager x + dy -> dx (out=), PyTorch's vectorized elementwise kernel
  triton flat   a Triton x + dy -> dx over the flat tensors, one block per program
  triton rows   the same with our backward's persistent grid (one program per SM, contiguous
                rows, loads pipelined through shared memory in a tl.range with num_stages=3)
Prediction: the flat 2R1W stream at 92-97% of copy (DRAM read/write turnarounds cost a little
more with 2:1 than 1:1); if it is well under 95%, the backward target (85% of copy) is closer to
the stream's own ceiling than it looks. Same method as the other probes (probe7.run_point: 3
interleaved rounds, each variant checked first). PYTHONPATH=.:ab python <this file>"""

import torch
import triton
import triton.language as tl
from probe7 import run_point

from kernels import layernorm as ln
from kernels.bench import harness as h
from kernels.reference import assert_close, reference_grads

M = 4096


@triton.jit
def _add_flat(X, Y, Z, total, BLOCK: tl.constexpr):
    offs = tl.program_id(0).to(tl.int64) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < total
    z = tl.load(X + offs, mask=mask).to(tl.float32) + tl.load(Y + offs, mask=mask).to(tl.float32)
    tl.store(Z + offs, z.to(Z.dtype.element_ty), mask=mask)


@triton.jit
def _add_rows(X, Y, Z, M, N, rows_per_program, BLOCK_N: tl.constexpr):
    start = tl.program_id(0) * rows_per_program
    cols = tl.arange(0, BLOCK_N)
    for r in tl.range(start, tl.minimum(start + rows_per_program, M), num_stages=3):
        offs = r * N + cols  # int32 is enough: this variant runs only at M * N < 2**31
        z = tl.load(X + offs).to(tl.float32) + tl.load(Y + offs).to(tl.float32)
        tl.store(Z + offs, z.to(Z.dtype.element_ty))


def point(dtype, n):
    tdt = h.torch_dtype(dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    dx = torch.empty_like(x)
    total = x.numel()
    block = 16384 // x.element_size()  # 16 KB of each input per program
    sms = torch.cuda.get_device_properties(0).multi_processor_count
    rows = triton.cdiv(M, sms)
    fns = {
        "rule": lambda: ln._backward(dy, x, w, mean, rstd, True, tdt),
        "no dw/db": lambda: ln._backward(dy, x, w, mean, rstd, False, None),
        "torch.add": lambda: torch.add(x, dy, out=dx),
        "triton flat": lambda: _add_flat[(triton.cdiv(total, block),)](
            x, dy, dx, total, BLOCK=block, num_warps=8
        ),
    }
    if n * x.element_size() <= 16384:
        fns["triton rows"] = lambda: _add_rows[(triton.cdiv(M, rows),)](
            x, dy, dx, M, n, rows, BLOCK_N=n, num_warps=8
        )
    add_ref = (x.float() + dy.float()).to(tdt)

    def check(v):
        out = fns[v]()
        if v in ("rule", "no dw/db"):
            for name, got, r in zip(("dx", "dw", "db"), out, ref, strict=True):
                if got is not None:
                    assert_close(got, r, tdt, f"{v} {name}")
        else:
            torch.testing.assert_close(dx, add_ref, atol=1e-6, rtol=2**-7, msg=v)  # 1 ulp
            dx.zero_()

    run_point("backward", dtype, n, list(fns), lambda v: fns[v](), check)


if __name__ == "__main__":
    print(torch.cuda.get_device_name(), torch.__version__, triton.__version__, flush=True)
    for n in (1024, 4096, 8192, 16384, 32768):
        for dtype in ("bfloat16", "float32"):
            point(dtype, n)
