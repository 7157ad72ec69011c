"""Probe 62 (prepared in the sixteenth session, NOT RUN: no device time left). The copy of 67 MB
runs 19.7 us right after the torch_compile provider's measurement at the same shape and 20.8-21.6
us otherwise (probes 59-61, log entry 42), while our forward (bf16 4096, M = 4096) took 22.2-22.6
either way. Is it where the copy's buffers land, and would our forward be faster there too?
In one process:
  A. a copy case (fresh buffers): the copy's time; then our forward reading the copy's source
     as x (filled with normal bf16 values) and writing y into the block the copy's destination
     freed (the caching allocator hands a freed block of the same size back);
  B. harness.measure("torch_compile", ...), then the same as A with a new copy case.
Printed: both buffers' addresses and the four times, twice (A B A B). Prediction: if B's copy
is fast and our forward on B's buffers is also faster than on A's, the state is the buffers'
placement and the bench's % at 67 MB compares the two kernels on different placements; if our
forward is not faster on B's buffers, the copy alone benefits (e.g. its access order).
From the repository root: PYTHONPATH=. python <this file>
DRY=1 TRITON_INTERPRET=1 (no GPU): runs the steps at (64, 256) on the CPU, times nothing."""

import os
import statistics

import torch

from kernels import layernorm as ln
from kernels.bench import harness as h

DRY = bool(os.environ.get("DRY"))
DEVICE = torch.device("cpu" if DRY else "cuda")
M, N, DTYPE = (64, 256, "bfloat16") if DRY else (4096, 4096, "bfloat16")


def timed(fn):
    if DRY:
        fn()
        return float("nan")
    return statistics.median(h.cuda_times(fn))


def copy_buffers():
    """The harness's copy case (harness._copy_case), timed, with its buffers at hand."""
    nbytes = h.bytes_moved("forward", M, N, DTYPE) // 2
    src = torch.randint(0, 256, (nbytes,), dtype=torch.uint8, device=DEVICE)
    dst = torch.empty_like(src)
    return src, dst, timed(lambda: dst.copy_(src))


def state(name):
    src, dst, copy_ms = copy_buffers()
    src_addr, dst_addr = src.data_ptr(), dst.data_ptr()
    x = src[: M * N * 2].view(torch.bfloat16).view(M, N)
    x.copy_(torch.randn(M, N, device=DEVICE, dtype=torch.bfloat16))
    w = torch.randn(N, device=DEVICE, dtype=torch.bfloat16)
    b = torch.randn(N, device=DEVICE, dtype=torch.bfloat16)
    del dst  # y takes the destination's block
    y = ln._forward(x, w, b, 1e-5)[0]
    fwd_ms = timed(lambda: ln._forward(x, w, b, 1e-5))
    print(
        f"{name}: src {src_addr:#x} dst {dst_addr:#x} y {y.data_ptr():#x}; "
        f"copy {copy_ms * 1e3:.2f} us, forward {fwd_ms * 1e3:.2f} us",
        flush=True,
    )


if __name__ == "__main__":
    print(torch.__version__, "" if DRY else torch.cuda.get_device_name(), flush=True)
    for _ in range(2):
        state("A fresh")
        if not DRY:
            h.measure("torch_compile", "forward", M, N, DTYPE)
        state("B after torch_compile")
