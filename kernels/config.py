"""Launch configuration: the one place where block sizes, warps and grids are chosen.

A configuration depends only on (N, dtype, device) — never on the data — and is computed once per
key (``functools.lru_cache``), so the per-call host cost is a dictionary lookup. There is no
autotuning: the heuristics below were measured on an H100 and an H200 (docs/performance.md keeps
the measurements and the dead ends).

Forward: a program normalizes ``block_m`` rows. When the padded row (``block_n`` columns) fits,
``num_chunks == 1`` and a row is read once into registers. Wider rows are streamed in
``num_chunks`` chunks twice: statistics on the first pass, normalize-and-store on the second (the
second read is served mostly from L2).

Backward: a persistent grid of ``programs_per_sm`` programs per SM; each program walks a
contiguous run of rows, writes dx, and accumulates its dweight/dbias partial sums in fp32 (in
registers when ``num_chunks == 1``, else in its own slice of a global buffer). A second small
kernel adds the partial sums in a fixed order: no atomics, bitwise reproducible.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import torch
import triton

# ---- tunables (measured; see docs/performance.md) -----------------------------------------------
# Widest padded row kept whole in registers, per element size of the input.
FWD_MAX_BLOCK = {4: 32768, 2: 32768}
BWD_MAX_BLOCK = {4: 8192, 2: 8192}
# Chunk width when a row is streamed.
FWD_CHUNK = 4096
BWD_CHUNK = 4096
# Elements of a forward tile (block_m x block_n) per thread: sets num_warps.
FWD_ELEMS_PER_THREAD = 16
BWD_ELEMS_PER_THREAD = 8
# Rows per forward program when rows are short: aim for tiles of this many elements.
FWD_TILE_ELEMS = 4096
MAX_WARPS = 16
# Backward programs per SM; the partial-sum buffer has programs_per_sm * sm_count rows.
BWD_PROGRAMS_PER_SM = 2
# Programs the Triton interpreter (CPU) pretends to have per "device": few, since each costs ~1 ms.
INTERPRETER_SM_COUNT = 4

# Test-only switch for the regression gate's power proof (docs/ci.md): a fraction f > 0 makes every
# forward and backward call copy an extra f of its input rows, i.e. a known slowdown. Read once.
TEST_SLOWDOWN = float(os.environ.get("KERNELS_TEST_SLOWDOWN", "0") or 0)


@dataclass(frozen=True)
class ForwardConfig:
    block_n: int  # columns per chunk (a power of two)
    num_chunks: int  # 1: the whole row in registers
    block_m: int  # rows per program
    num_warps: int


@dataclass(frozen=True)
class BackwardConfig:
    block_n: int
    num_chunks: int
    num_warps: int
    programs_per_sm: int


def _warps(elements: int, per_thread: int) -> int:
    return max(1, min(MAX_WARPS, triton.next_power_of_2(elements // (32 * per_thread))))


@functools.cache
def forward_config(n: int, dtype: torch.dtype) -> ForwardConfig:
    width = triton.next_power_of_2(n)
    if width <= FWD_MAX_BLOCK[dtype.itemsize]:
        block_n, chunks = width, 1
    else:
        block_n, chunks = FWD_CHUNK, triton.cdiv(n, FWD_CHUNK)
    block_m = max(1, FWD_TILE_ELEMS // block_n) if chunks == 1 else 1
    return ForwardConfig(block_n, chunks, block_m, _warps(block_m * block_n, FWD_ELEMS_PER_THREAD))


@functools.cache
def backward_config(n: int, dtype: torch.dtype) -> BackwardConfig:
    width = triton.next_power_of_2(n)
    if width <= BWD_MAX_BLOCK[dtype.itemsize]:
        block_n, chunks = width, 1
    else:
        block_n, chunks = BWD_CHUNK, triton.cdiv(n, BWD_CHUNK)
    return BackwardConfig(
        block_n, chunks, _warps(block_n, BWD_ELEMS_PER_THREAD), BWD_PROGRAMS_PER_SM
    )


@functools.cache
def sm_count(device: torch.device) -> int:
    """Multiprocessors of a CUDA device; a small stand-in for the CPU interpreter."""
    if device.type == "cuda":
        return torch.cuda.get_device_properties(device).multi_processor_count
    return INTERPRETER_SM_COUNT
