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

# ---- tunables (measured; see docs/performance.md) ----
# Narrowest block: keeps degenerate (N x 1) tiles out of the compiler.
MIN_BLOCK_N = 16
# Widest padded row kept whole in registers, per element size of the input.
FWD_MAX_BLOCK = {4: 32768, 2: 32768}
BWD_MAX_BLOCK = {4: 8192, 2: 8192}
# Chunk width when a row is streamed.
FWD_CHUNK = 4096
BWD_CHUNK = 4096
# Elements of a tile (block_m x block_n) per thread: sets num_warps.
FWD_ELEMS_PER_THREAD = {4: 16, 2: 32}
BWD_ELEMS_PER_THREAD = {4: 8, 2: 8}
# Rows per program/iteration when rows are short: aim for tiles of this many elements.
FWD_TILE_ELEMS = 4096
BWD_TILE_ELEMS = 4096
MAX_WARPS = 32
# Backward programs per SM; with whole rows the partial-sum buffer has one row per program.
BWD_PROGRAMS_PER_SM = 2
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


def _warps(elements: int, per_thread: int) -> int:
    return max(1, min(MAX_WARPS, triton.next_power_of_2(elements // (32 * per_thread))))


def _blocking(n: int, max_block: int, chunk: int) -> tuple[int, int]:
    """(block_n, num_chunks): the whole padded row if it fits in ``max_block``, else chunks."""
    width = max(MIN_BLOCK_N, triton.next_power_of_2(n))
    return (width, 1) if width <= max_block else (chunk, triton.cdiv(n, chunk))


@functools.cache
def forward_config(n: int, dtype: torch.dtype) -> ForwardConfig:
    block_n, chunks = _blocking(n, FWD_MAX_BLOCK[dtype.itemsize], FWD_CHUNK)
    block_m = max(1, FWD_TILE_ELEMS // block_n) if chunks == 1 else 1
    warps = _warps(block_m * block_n, FWD_ELEMS_PER_THREAD[dtype.itemsize])
    return ForwardConfig(block_n, chunks, block_m, warps)


@functools.cache
def backward_config(n: int, dtype: torch.dtype) -> BackwardConfig:
    block_n, chunks = _blocking(n, BWD_MAX_BLOCK[dtype.itemsize], BWD_CHUNK)
    block_m = max(1, BWD_TILE_ELEMS // block_n) if chunks == 1 else 1
    warps = _warps(block_m * block_n, BWD_ELEMS_PER_THREAD[dtype.itemsize])
    return BackwardConfig(block_n, chunks, block_m, min(warps, 16), BWD_PROGRAMS_PER_SM)


@functools.cache
def sm_count(device: torch.device) -> int:
    """Multiprocessors of a CUDA device; a small stand-in for the CPU interpreter."""
    if device.type == "cuda":
        return torch.cuda.get_device_properties(device).multi_processor_count
    return INTERPRETER_SM_COUNT
