"""Launch configuration: the one place where block sizes, warps and grids are chosen.

A configuration depends only on (N, dtype) — never on the data — and is computed once per key
(``functools.cache``), so the per-call host cost is a dictionary lookup. There is no autotuning:
the heuristics below were measured on an H100 (docs/performance.md keeps the measurements and
the dead ends; H200 was not measured).

Forward: a program normalizes ``block_m`` rows. When the padded row (``block_n`` columns) fits,
``num_chunks == 1`` and a row is read once into registers. Wider rows are streamed in
``num_chunks`` chunks twice: statistics on the first pass, normalize-and-store on the second (the
second read is served mostly from L2).

Backward: a persistent grid of ``programs_per_sm`` programs per SM; each program walks a
contiguous run of rows and writes dx. With whole rows it also sums dweight/dbias over its rows in
fp32 registers and writes one partial row per program; with streamed rows a column-blocked kernel
computes those partial sums (re-reading x and dy). A third small kernel adds the partial rows in
a fixed order: no atomics, bitwise reproducible."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

import torch
import triton

# ---- tunables (measured on an H100; docs/performance.md has the sweeps) ----
# Narrowest block: keeps degenerate (N x 1) tiles out of the compiler.
MIN_BLOCK_N = 16
# Widest padded row kept whole in registers, by element size. At N = 65536 the whole row spills:
# fp32 52% of copy whole against 65% streamed (bench run), bf16 54% against 64%.
FWD_MAX_BLOCK = {4: 32768, 2: 32768}
# Backward keeps x, dy and two fp32 accumulators per element: past 8192 they spill.
BWD_MAX_BLOCK = {4: 8192, 2: 8192}
# Chunk width when a row is streamed.
FWD_CHUNK = 4096
BWD_CHUNK = 8192
# Short rows are packed block_m to a program (forward) or to a loop iteration (backward) so a
# tile has this many elements.
FWD_TILE_ELEMS = 4096
BWD_TILE_ELEMS = 4096
# Forward warps: 4 for packed short rows, 8 for a row up to 16384 columns, 32 above. Measured
# (harness timer): fp16/bf16 at N = 16384 96% of copy with 8 warps, 75% with 16; at 8192 96%
# with 8, 86-88% with 16; fp32 at 32768 97% with 32 warps, 88% (spilling) with 16.
FWD_SHORT_ROW_WARPS = 4
FWD_LONG_ROW_WARPS = 8
FWD_WIDE_ROW_WARPS = 32
FWD_WIDE_ROW = 32768
MAX_WARPS = 32
# Backward warps by tile size: 8 up to 4096 elements, 16 above.
BWD_WARPS_SMALL, BWD_WARPS_LARGE = 8, 16
# Backward: one persistent program per SM, prefetching the next tile, won at every whole-row N;
# streamed rows (two passes per row) did best with 4 programs per SM.
BWD_PROGRAMS_PER_SM = 1
BWD_STREAMED_PROGRAMS_PER_SM = 4
# Streamed rows: dweight/dbias come from a column-blocked kernel with these tiles.
PG_BLOCK_M, PG_BLOCK_N, PG_WARPS, PG_PROGRAMS_PER_SM = 32, 128, 4, 4
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
    block_m: int  # rows per loop iteration (whole rows only)
    num_warps: int
    programs_per_sm: int
    prefetch: bool = False  # load the next row tile before reducing this one (whole rows only)
    # dweight/dbias kernel for streamed rows (num_chunks > 1)
    pg_block_m: int = PG_BLOCK_M
    pg_block_n: int = PG_BLOCK_N
    pg_warps: int = PG_WARPS
    pg_programs_per_sm: int = PG_PROGRAMS_PER_SM


def _blocking(n: int, max_block: int, chunk: int) -> tuple[int, int]:
    """(block_n, num_chunks): the whole padded row if it fits in ``max_block``, else chunks."""
    width = max(MIN_BLOCK_N, triton.next_power_of_2(n))
    return (width, 1) if width <= max_block else (chunk, triton.cdiv(n, chunk))


@functools.cache
def forward_config(n: int, dtype: torch.dtype) -> ForwardConfig:
    block_n, chunks = _blocking(n, FWD_MAX_BLOCK[dtype.itemsize], FWD_CHUNK)
    if chunks == 1 and block_n < FWD_TILE_ELEMS:
        return ForwardConfig(block_n, 1, FWD_TILE_ELEMS // block_n, FWD_SHORT_ROW_WARPS)
    warps = FWD_WIDE_ROW_WARPS if block_n >= FWD_WIDE_ROW else FWD_LONG_ROW_WARPS
    return ForwardConfig(block_n, chunks, 1, warps)


@functools.cache
def backward_config(n: int, dtype: torch.dtype) -> BackwardConfig:
    block_n, chunks = _blocking(n, BWD_MAX_BLOCK[dtype.itemsize], BWD_CHUNK)
    if chunks > 1:
        return BackwardConfig(block_n, chunks, 1, BWD_WARPS_LARGE, BWD_STREAMED_PROGRAMS_PER_SM)
    block_m = max(1, BWD_TILE_ELEMS // block_n)
    warps = BWD_WARPS_SMALL if block_m * block_n <= 4096 else BWD_WARPS_LARGE
    return BackwardConfig(block_n, 1, block_m, warps, BWD_PROGRAMS_PER_SM, prefetch=True)


@functools.cache
def sm_count(device: torch.device) -> int:
    """Multiprocessors of a CUDA device; a small stand-in for the CPU interpreter."""
    if device.type == "cuda":
        return torch.cuda.get_device_properties(device).multi_processor_count
    return INTERPRETER_SM_COUNT
