"""Triton LayerNorm: jit kernels -> launchers -> custom op and autograd Function -> API and module.

Semantics are those of ``torch.nn.functional.layer_norm``. Which tensors run Triton:

* CUDA tensors of dtype float32, float16 or bfloat16, on any device (the kernels run on the
  tensors' device, whichever is current);
* CPU tensors of those dtypes when ``TRITON_INTERPRET=1`` was set before ``kernels`` was imported
  (the very same kernels, run by Triton's interpreter: that is how CI tests them).

Everything else falls back to ``torch.nn.functional.layer_norm`` with identical semantics: CPU
tensors without the interpreter (so a model moved to the CPU keeps working) and float64 (the
kernels compute in fp32, which would silently lose float64's precision).

Statistics are computed in fp32 with a two-pass (or, for streamed and split rows, chunk- or
slice-combined) variance: no E[x^2] - E[x]^2 cancellation. Mean and rstd are saved in fp32 for the
backward pass.
"""

from __future__ import annotations

import math
import numbers
import os
from typing import NamedTuple

import torch
import torch.nn.functional as F
import triton
import triton.language as tl

from . import config as cfg

_TRITON_DTYPES = (torch.float32, torch.float16, torch.bfloat16)
INTERPRET = os.environ.get("TRITON_INTERPRET", "0").lower() in ("1", "true", "yes", "on")


# ---- jit kernels ----
@triton.jit
def _f32(x):
    """``x`` in fp32; bf16 by its bits (a bf16 is the top half of an fp32). The compiler's
    conversion spends two instructions on each odd element of a packed pair (sm_90, Triton
    3.6), this one a single AND: the forward kernels, near the SMs' issue rate, run up to 3.6
    points of copy faster (H200, probe 82, log entry 46). The backward keeps the compiler's:
    with this one its lagged split rows (bf16 32768) ran at 43% of copy instead of 75%."""
    if x.dtype == tl.bfloat16:
        return (x.to(tl.uint16, bitcast=True).to(tl.uint32) << 16).to(tl.float32, bitcast=True)
    return x.to(tl.float32)


@triton.jit
def _div(total, N):
    # Row sums over N with IEEE division: Triton's `/` is the approximate div.full.f32 on GPUs,
    # which makes mean != x when N == 1, so a row that should normalize to exactly 0 does not.
    return tl.math.div_rn(total, N * 1.0)


@triton.jit
def _row_mean(total, N, BLOCK_N: tl.constexpr, FULL_TILES: tl.constexpr):
    # total / N; with full tiles N == BLOCK_N, a power of two, whose reciprocal is exact: a
    # multiplication, bitwise the IEEE division's result and cheaper (log entry 29).
    if FULL_TILES:
        return total * (1.0 / BLOCK_N)
    return _div(total, N)


@triton.jit
def _merge_stats(mean, m2, mean_c, m2_c, n_seen, n_c):
    """Chan et al.'s parallel update: (mean, M2) of n_seen columns merged with (mean_c, m2_c) of
    the next n_c, as stable as a two-pass variance."""
    delta = mean_c - mean
    n_new = n_seen + n_c
    return mean + delta * (n_c / n_new), m2 + m2_c + delta * delta * (n_seen * n_c / n_new)


@triton.jit
def _load_params(W, B, cols, cmask, HAS_W: tl.constexpr, HAS_B: tl.constexpr):
    """Weight and bias of the columns ``cols`` in their own dtype (0.0 where there is none)."""
    w = 0.0
    b = 0.0
    if HAS_W:
        w = tl.load(W + cols, mask=cmask, other=0.0)
    if HAS_B:
        b = tl.load(B + cols, mask=cmask, other=0.0)
    return w, b


@triton.jit
def _affine_store(
    Y_ptrs, xhat, w, b, mask, HAS_W: tl.constexpr, HAS_B: tl.constexpr, STREAM_Y: tl.constexpr
):
    """y = xhat * w + b (w, b from _load_params), stored in Y's dtype; with STREAM_Y as a
    streaming store (ForwardConfig.streaming_store)."""
    y = xhat
    if HAS_W:
        y = y * _f32(w)[None, :]
    if HAS_B:
        y = y + _f32(b)[None, :]
    if STREAM_Y:
        tl.store(Y_ptrs, y.to(Y_ptrs.dtype.element_ty), mask=mask, cache_modifier=".cs")
    else:
        tl.store(Y_ptrs, y.to(Y_ptrs.dtype.element_ty), mask=mask)


@triton.jit
def _columns_in_row(cols, N, BLOCK_N: tl.constexpr, FULL_TILES: tl.constexpr):
    """cols < N, as a constant when FULL_TILES says every column is (the compiler then drops the
    masks, which lets it vectorize and hoist the loads)."""
    if FULL_TILES:
        return tl.full([BLOCK_N], True, tl.int1)
    return cols < N


@triton.jit
def _load_chunk(x_rows, row_ok, ccols, N, BLOCK_N: tl.constexpr, FULL_TILES: tl.constexpr, EVICT):
    """A streamed row's chunk at ``ccols`` in fp32 (zeros where masked), its mask and column
    mask; ``EVICT`` the load's eviction policy ("" = none)."""
    cmask = _columns_in_row(ccols, N, BLOCK_N, FULL_TILES)
    mask = row_ok[:, None] & cmask[None, :]
    x = tl.load(x_rows + ccols[None, :], mask=mask, other=0.0, eviction_policy=EVICT)
    return _f32(x), mask, cmask


@triton.jit
def _lane_counts(
    cols, N, BLOCK_N: tl.constexpr, NUM_CHUNKS: tl.constexpr, FULL_TILES: tl.constexpr
):
    """How many of a streamed row's chunks hold a column at lane ``cols`` (as fp32): all of them
    with FULL_TILES, else those that start before N."""
    if FULL_TILES:
        return tl.full([BLOCK_N], NUM_CHUNKS, tl.float32)
    return tl.minimum(tl.maximum(tl.cdiv(N - cols, BLOCK_N), 0), NUM_CHUNKS).to(tl.float32)


@triton.jit
def _welford_combine(mean_a, m2_a, n_a, mean_b, m2_b, n_b):
    """Chan et al.'s merge (as _merge_stats) as a tl.reduce combine of (mean, M2, count)
    triples; empty ones (count 0) add nothing. Not written with _merge_stats: guarding its
    0 / 0 costs the merge 64 more instructions (bf16 2048 x 5, sm_90)."""
    n = n_a + n_b
    share = tl.where(n > 0, n_b / tl.maximum(n, 1.0), 0.0)
    delta = mean_b - mean_a
    return mean_a + delta * share, m2_a + m2_b + delta * delta * n_a * share, n


@triton.jit
def _wait_for_prior_kernel():
    # For a kernel launched as a programmatic dependent of the kernel before it in the stream
    # (launch_pdl, config.dependent_launches): its programs may be placed on the SMs before that
    # kernel ends, so they wait here, before any load or store, until it has ended and its
    # writes are visible. (Memory the caching allocator hands out may still be read by it.)
    tl.extra.cuda.gdc_wait()


@triton.jit
def _fwd_kernel(
    X,
    Y,
    W,
    B,
    Mean,
    Rstd,
    stride_x,
    M,
    N,
    eps,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    NUM_CHUNKS: tl.constexpr,
    HAS_W: tl.constexpr,
    HAS_B: tl.constexpr,
    FULL_TILES: tl.constexpr,
    PARAMS_FIRST: tl.constexpr,
    STORE_STATS: tl.constexpr,
    LANE_STATS: tl.constexpr,
    COUNT_ONCE: tl.constexpr,
    EQUAL_LANES: tl.constexpr,
    ONE_LOAD_CHUNKS: tl.constexpr,
    EVICT1: tl.constexpr,
    EVICT2: tl.constexpr,
    IN_ORDER: tl.constexpr,
    PASS2_AHEAD: tl.constexpr,
    STREAM_Y: tl.constexpr,
    DEPENDENT: tl.constexpr,
):
    if DEPENDENT:
        _wait_for_prior_kernel()
    # FULL_TILES (N == NUM_CHUNKS * BLOCK_N, M a multiple of BLOCK_M): the masks are constant
    # (all true, folded away by the compiler: streamed rows' chunk loads are then vectorized and
    # can be hoisted, several in flight at once: how many is ptxas's choice, unless
    # ONE_LOAD_CHUNKS loads all of pass 1's chunks at once) and a whole row's mean is an exact
    # multiplication by 1 / BLOCK_N. PARAMS_FIRST (NUM_CHUNKS == 1): weight and bias are loaded
    # with x, so their latency overlaps x's instead of following the reductions (see
    # ForwardConfig.params_first).
    # STORE_STATS: also write each row's mean and rstd (for the backward). LANE_STATS,
    # COUNT_ONCE, EQUAL_LANES (with FULL_TILES only): see ForwardConfig.lane_stats, count_once,
    # equal_lanes. ONE_LOAD_CHUNKS (EQUAL_LANES only): pass 1 loads its chunks as one tile of
    # this many (a power of two, the chunks past NUM_CHUNKS masked off; ForwardConfig.
    # padded_load), 0 for a loop over them. EVICT1, EVICT2: the streamed passes' x loads'
    # eviction policies ("" = none; ForwardConfig.l2_hints). DEPENDENT: a dependent launch.
    rows = tl.program_id(0) * BLOCK_M + tl.arange(0, BLOCK_M)
    row_ok = rows < M
    if FULL_TILES:
        row_ok = tl.full([BLOCK_M], True, tl.int1)
    x_rows = X + rows.to(tl.int64)[:, None] * stride_x
    y_rows = Y + rows.to(tl.int64)[:, None] * N
    cols = tl.arange(0, BLOCK_N)
    if NUM_CHUNKS == 1:
        cmask = _columns_in_row(cols, N, BLOCK_N, FULL_TILES)
        mask = row_ok[:, None] & cmask[None, :]
        x = _f32(tl.load(x_rows + cols[None, :], mask=mask, other=0.0))
        if PARAMS_FIRST:
            w, b = _load_params(W, B, cols, cmask, HAS_W, HAS_B)
        mean = _row_mean(tl.sum(x, axis=1), N, BLOCK_N, FULL_TILES)
        xc = tl.where(mask, x - mean[:, None], 0.0)
        rstd = tl.rsqrt(_row_mean(tl.sum(xc * xc, axis=1), N, BLOCK_N, FULL_TILES) + eps)
        if not PARAMS_FIRST:
            w, b = _load_params(W, B, cols, cmask, HAS_W, HAS_B)
        _affine_store(
            y_rows + cols[None, :], xc * rstd[:, None], w, b, mask, HAS_W, HAS_B, STREAM_Y
        )
    else:
        # Pass 1: per-chunk mean and sum of squared deviations, merged (one read of each chunk).
        mean = tl.zeros([BLOCK_M], dtype=tl.float32)
        m2 = tl.zeros([BLOCK_M], dtype=tl.float32)
        if LANE_STATS:
            # Welford per lane across the chunks (no cross-warp reduction inside the loop), the
            # lanes merged once at the end. Every lane of chunk c that holds a column has seen c
            # columns before it (all earlier chunks are full), so its update divides by c + 1.
            # The statistics are of x minus the row's first value: near the mean, so a large
            # offset (1e4 + N(0, 1)) does not swamp the lanes' fp32 running means.
            shift = _f32(tl.load(x_rows, mask=row_ok[:, None], other=0.0))
            if EQUAL_LANES:
                # Full tiles: every lane holds NUM_CHUNKS columns (ForwardConfig.equal_lanes).
                # The first chunk sets the lanes; the row's mean is then the lanes' mean and its
                # M2 the lanes' M2 plus NUM_CHUNKS times their squared deviations from it (a
                # two-pass variance of the lane means): two plain sums instead of a reduction
                # of (mean, M2, count) triples whose every merge divides.
                if ONE_LOAD_CHUNKS > 0:
                    # All chunks in one load, a (rows, ONE_LOAD_CHUNKS, chunk) tile whose lanes
                    # each hold their column of every chunk, so every chunk's load is issued
                    # before any arithmetic (from a loop ptxas may hold some back: fp16 32768
                    # did, 91% of copy against 94.5%, log entry 47; 16-bit 5-6 chunks, entry
                    # 48); then each lane's mean and M2 in two passes over its registers.
                    k = tl.arange(0, ONE_LOAD_CHUNKS)
                    offs = k[None, :, None] * BLOCK_N + cols[None, None, :]
                    # (x_all, not x: pass 2's loop reassigns x with a chunk's shape)
                    # Padded (ONE_LOAD_CHUNKS > NUM_CHUNKS): the chunks past NUM_CHUNKS load
                    # nothing and add 0. (Unpadded, the mask is all true and compiles away: the
                    # sm_90 SASS of an unmasked load, checked at 11 power-of-two configs.)
                    real = (k < NUM_CHUNKS)[None, :, None]
                    x_all = tl.load(
                        x_rows[:, :, None] + offs, mask=real, other=0.0, eviction_policy=EVICT1
                    )
                    x_all = tl.where(real, _f32(x_all) - shift[:, :, None], 0.0)
                    lane_mean = tl.sum(x_all, axis=1) * (1.0 / NUM_CHUNKS)
                    dev = tl.where(real, x_all - lane_mean[:, None, :], 0.0)
                    lane_m2 = tl.sum(dev * dev, axis=1)
                else:  # the chunks one by one, each lane a Welford update
                    x, _, _ = _load_chunk(x_rows, row_ok, cols, N, BLOCK_N, FULL_TILES, EVICT1)
                    lane_mean = x - shift
                    lane_m2 = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
                    for c in range(1, NUM_CHUNKS):
                        x, _, _ = _load_chunk(
                            x_rows, row_ok, c * BLOCK_N + cols, N, BLOCK_N, FULL_TILES, EVICT1
                        )
                        x = x - shift
                        delta = x - lane_mean
                        lane_mean += delta * (1.0 / (c + 1.0))
                        lane_m2 += delta * (x - lane_mean)
                mean_shifted = tl.sum(lane_mean, axis=1) * (1.0 / BLOCK_N)
                spread = lane_mean - mean_shifted[:, None]
                m2 = tl.sum(lane_m2 + NUM_CHUNKS * (spread * spread), axis=1)
            else:
                lane_mean = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
                lane_m2 = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
                lane_n = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
                for c in range(NUM_CHUNKS):
                    x, mask, _ = _load_chunk(
                        x_rows, row_ok, c * BLOCK_N + cols, N, BLOCK_N, FULL_TILES, EVICT1
                    )
                    x = x - shift
                    delta = x - lane_mean
                    lane_mean += tl.where(mask, delta * (1.0 / (c + 1.0)), 0.0)
                    lane_m2 += tl.where(mask, delta * (x - lane_mean), 0.0)
                    if not COUNT_ONCE:
                        lane_n += tl.where(mask, 1.0, 0.0)
                if COUNT_ONCE:
                    lane_n += _lane_counts(cols, N, BLOCK_N, NUM_CHUNKS, FULL_TILES)[None, :]
                mean_shifted, m2, _ = tl.reduce((lane_mean, lane_m2, lane_n), 1, _welford_combine)
            mean = tl.reshape(shift, [BLOCK_M]) + mean_shifted
        else:
            for c in range(NUM_CHUNKS):
                x, mask, _ = _load_chunk(
                    x_rows, row_ok, c * BLOCK_N + cols, N, BLOCK_N, FULL_TILES, EVICT1
                )
                n_c = tl.minimum(N - c * BLOCK_N, BLOCK_N) * 1.0
                mean_c = tl.math.div_rn(tl.sum(x, axis=1), n_c)
                d = tl.where(mask, x - mean_c[:, None], 0.0)
                # (* 1.0: float in both the compiler and the interpreter)
                m2_c = tl.sum(d * d, axis=1)
                mean, m2 = _merge_stats(mean, m2, mean_c, m2_c, c * BLOCK_N * 1.0, n_c)
        rstd = tl.rsqrt(_div(m2, N) + eps)
        # Pass 2: normalize chunk by chunk, re-reading the row last chunk first: the most
        # recently read chunks are the likeliest L2 hits (65536 fp32: 74% of copy against 68%);
        # or first chunk first (IN_ORDER, ForwardConfig.in_order).
        if PASS2_AHEAD:
            # Chunk c + 1's x, weight and bias are loaded before chunk c's y is stored. Without
            # it every chunk waits for its loads after the previous store: the compiler may not
            # move a load above a store that might alias it (ForwardConfig.pass2_ahead).
            ccols = (0 if IN_ORDER else NUM_CHUNKS - 1) * BLOCK_N + cols
            x, mask, cmask = _load_chunk(x_rows, row_ok, ccols, N, BLOCK_N, FULL_TILES, EVICT2)
            w, b = _load_params(W, B, ccols, cmask, HAS_W, HAS_B)
            for c in tl.static_range(NUM_CHUNKS):
                xhat = (x - mean[:, None]) * rstd[:, None]
                y_ptrs, y_mask, y_w, y_b = y_rows + ccols[None, :], mask, w, b
                if c + 1 < NUM_CHUNKS:
                    ccols = (c + 1 if IN_ORDER else NUM_CHUNKS - 2 - c) * BLOCK_N + cols
                    x, mask, cmask = _load_chunk(
                        x_rows, row_ok, ccols, N, BLOCK_N, FULL_TILES, EVICT2
                    )
                    w, b = _load_params(W, B, ccols, cmask, HAS_W, HAS_B)
                _affine_store(y_ptrs, xhat, y_w, y_b, y_mask, HAS_W, HAS_B, STREAM_Y)
        else:
            for c in range(NUM_CHUNKS):
                ccols = (c if IN_ORDER else NUM_CHUNKS - 1 - c) * BLOCK_N + cols
                x, mask, cmask = _load_chunk(x_rows, row_ok, ccols, N, BLOCK_N, FULL_TILES, EVICT2)
                xhat = (x - mean[:, None]) * rstd[:, None]
                w, b = _load_params(W, B, ccols, cmask, HAS_W, HAS_B)
                _affine_store(y_rows + ccols[None, :], xhat, w, b, mask, HAS_W, HAS_B, STREAM_Y)
    if STORE_STATS:
        tl.store(Mean + rows, mean, mask=row_ok)
        tl.store(Rstd + rows, rstd, mask=row_ok)


@triton.jit
def _add_pair(a1, a2, b1, b2):
    return a1 + b1, a2 + b2


@triton.jit
def _load_rows(X, start, end, stride, cols, N, BLOCK_M: tl.constexpr):
    """Rows [start, start + BLOCK_M) of X at ``cols`` (zeros at and past ``end`` and N), in
    storage dtype."""
    rows = start + tl.arange(0, BLOCK_M)
    mask = (rows < end)[:, None] & (cols < N)[None, :]
    return tl.load(X + rows.to(tl.int64)[:, None] * stride + cols[None, :], mask=mask, other=0.0)


@triton.jit
def _load_row_tile(X, DY, start, end, stride_x, stride_dy, cols, N, BLOCK_M: tl.constexpr):
    """x and dy of rows [start, start + BLOCK_M), see _load_rows."""
    x = _load_rows(X, start, end, stride_x, cols, N, BLOCK_M)
    return x, _load_rows(DY, start, end, stride_dy, cols, N, BLOCK_M)


# Per-row values of a row split across programs (SUMS_MODE): the backward's two row sums, the
# split forward's slice mean and M2. Whole rows keep them in the program (LOCAL); split rows
# swap each slice's pair through a small (M, SPLITS, 2) fp32 buffer, either within one launch
# (EXCHANGE: every slot starts UNWRITTEN, each program writes its own with relaxed atomics and
# spins on its group's until none reads UNWRITTEN; all programs of a group must be resident at
# once, see _row_sums_modes), or across two launches of the same kernel: STORE writes the
# slices' pairs and nothing else, LOAD reads them and does the rest (no waiting: what the CPU
# interpreter, which runs programs one after another, can run). Or not at all: with RECOMPUTE
# (backward, two slices) each program also reads the other slice of its rows and computes the
# pair itself.
SUMS_LOCAL = tl.constexpr(0)
SUMS_EXCHANGE = tl.constexpr(1)
SUMS_STORE = tl.constexpr(2)
SUMS_LOAD = tl.constexpr(3)
SUMS_RECOMPUTE = tl.constexpr(4)
# An exchange slot (a slice's pair of one row, written as one 64-bit word) before its program
# writes it: two NaNs that fp32 arithmetic on NVIDIA GPUs never returns (their NaN is
# 0x7FFFFFFF), and _publish_row_pair rewrites such a first value anyway.
UNWRITTEN = tl.constexpr(-1)


def _await_slots_asm(k: int) -> tl.constexpr:
    """The exchange's wait on k slots, thread by thread: load slots $k..$2k-1 into $0..$k-1
    until none is UNWRITTEN (-1), all k loads in flight together; nothing where $2k is 0."""
    loads = " ".join(f"ld.relaxed.gpu.global.b64 ${i}, [${k + i}];" for i in range(k))
    tests = " ".join(f"setp.eq.or.s64 p, ${i}, -1, p;" for i in range(1, k))
    return tl.constexpr(
        "{ .reg .pred p; "
        + " ".join(f"mov.b64 ${i}, 0;" for i in range(k))
        + f" setp.eq.s32 p, ${2 * k}, 0; @p bra DONE_${{:uid}}; WAIT_${{:uid}}: {loads}"
        + f" setp.eq.s64 p, $0, -1; {tests} @p bra WAIT_${{:uid}}; DONE_${{:uid}}: }}"
    )


_AWAIT_2_SLOTS, _AWAIT_4_SLOTS, _AWAIT_8_SLOTS = (_await_slots_asm(k) for k in (2, 4, 8))


@triton.jit
def _program_slice(
    rows_per_group, M, N, BLOCK_N: tl.constexpr, TAIL_N: tl.constexpr = 0, SPLITS: tl.constexpr = 0
):
    """Program (split, group) of a persistent grid owns the slice [split*S, (split+1)*S) of rows
    [first_row, last_row), S = BLOCK_N + TAIL_N: its first BLOCK_N columns are ``cols``
    (``cmask``); the TAIL_N after them, if any, start at ``tail_start``: the caller's tail
    block."""
    split = tl.program_id(0)
    group = tl.program_id(1)
    first_row = group * rows_per_group
    last_row = tl.minimum(first_row + rows_per_group, M)
    if SPLITS == 1:
        # Whole rows: the code as before split rows had tails. ptxas allocates the two-block
        # row's 255 registers differently otherwise: a constant 0 start spilled 16 bytes at fp32
        # 12288, split * S 152 (sm_90, Triton 3.6); this form spills none.
        cols = split * BLOCK_N + tl.arange(0, BLOCK_N)
        tail_start = BLOCK_N
    else:
        cols = split * (BLOCK_N + TAIL_N) + tl.arange(0, BLOCK_N)
        tail_start = split * (BLOCK_N + TAIL_N) + BLOCK_N
    return split, group, first_row, last_row, tail_start, cols, cols < N


@triton.jit
def _publish_row_pair(
    Sums, rows, row_ok, split, v1, v2, SPLITS: tl.constexpr, SUMS_MODE: tl.constexpr
):
    """Writes this slice's two values per row (v1, v2) into ``Sums`` (M, SPLITS, 2) fp32 (not
    with LOAD, whose first launch wrote them). EXCHANGE writes the pair as one 64-bit relaxed
    atomic (v1's bits low): no fence, since a reader needs this word and nothing written before
    it, and never half a pair."""
    mine = Sums + rows.to(tl.int64) * (2 * SPLITS) + 2 * split
    if SUMS_MODE == SUMS_EXCHANGE:
        low = v1.to(tl.int32, bitcast=True)
        low = tl.where(low == UNWRITTEN, 0x7FFFFFFF, low).to(tl.int64) & 0xFFFFFFFF
        word = (v2.to(tl.int32, bitcast=True).to(tl.int64) << 32) | low
        slot = mine.to(tl.pointer_type(tl.int64), bitcast=True)
        tl.atomic_xchg(slot, word, mask=row_ok, sem="relaxed", scope="gpu")
    elif SUMS_MODE == SUMS_STORE:
        tl.store(mine, v1, mask=row_ok)
        tl.store(mine + 1, v2, mask=row_ok)


@triton.jit
def _slot(Sums, start, end, s: tl.constexpr, SPLITS: tl.constexpr):
    # Slot s of the tile from row start: row start + s // SPLITS (start itself past end), slice
    # s % SPLITS, as an int64 pointer.
    row = tl.where(start + s // SPLITS < end, start + s // SPLITS, start)
    row_slots = Sums + row.to(tl.int64) * (2 * SPLITS)
    return row_slots.to(tl.pointer_type(tl.int64), bitcast=True) + s % SPLITS


@triton.jit
def _await_slots(
    Sums,
    start,
    end,
    first: tl.constexpr,
    K: tl.constexpr,
    SLOTS: tl.constexpr,
    SPLITS: tl.constexpr,
):
    """Slots first..first+K-1 of the tile from row ``start`` (past SLOTS, the last again) once
    all are written, as K int64 words (0 if ``start`` is past ``end``). Each thread spins on its
    own loads, so the words it holds are the ones its exit test saw, and no barrier is inside
    the wait. Scalars in inline asm: a tensor's copy per layout would each wait in turn, a
    while loop would keep the pipeliner off the enclosing loop, and a tl.load could be hoisted
    above the wait."""
    ok = (start < end).to(tl.int32)
    last: tl.constexpr = SLOTS - 1
    s0 = _slot(Sums, start, end, min(first, last), SPLITS)
    s1 = _slot(Sums, start, end, min(first + 1, last), SPLITS)
    if K == 2:
        words = tl.inline_asm_elementwise(
            _AWAIT_2_SLOTS, "=l,=l,l,l,r", [s0, s1, ok], (tl.int64, tl.int64), False, 1
        )
    else:
        s2 = _slot(Sums, start, end, min(first + 2, last), SPLITS)
        s3 = _slot(Sums, start, end, min(first + 3, last), SPLITS)
        if K == 4:
            words = tl.inline_asm_elementwise(
                _AWAIT_4_SLOTS,
                "=l,=l,=l,=l,l,l,l,l,r",
                [s0, s1, s2, s3, ok],
                (tl.int64, tl.int64, tl.int64, tl.int64),
                False,
                1,
            )
        else:
            s4 = _slot(Sums, start, end, min(first + 4, last), SPLITS)
            s5 = _slot(Sums, start, end, min(first + 5, last), SPLITS)
            s6 = _slot(Sums, start, end, min(first + 6, last), SPLITS)
            s7 = _slot(Sums, start, end, min(first + 7, last), SPLITS)
            words = tl.inline_asm_elementwise(
                _AWAIT_8_SLOTS,
                "=l,=l,=l,=l,=l,=l,=l,=l,l,l,l,l,l,l,l,l,r",
                [s0, s1, s2, s3, s4, s5, s6, s7, ok],
                (tl.int64, tl.int64, tl.int64, tl.int64, tl.int64, tl.int64, tl.int64, tl.int64),
                False,
                1,
            )
    return words


@triton.jit
def _gather_row_pairs(
    Sums,
    start,
    end,
    a,
    b,
    N,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    SPLITS: tl.constexpr,
    SUMS_MODE: tl.constexpr,
    COMBINE: tl.constexpr,
):
    """Folds every slice's pair of the tile's rows [start, start + BLOCK_M) into (a, b), each
    [BLOCK_M], in slice order: (a, b) = COMBINE(a, b, first, second, j, N, BLOCK_N) for slice j
    (its pair 0 at rows at and past ``end``). EXCHANGE waits for the slots (_await_slots) up to
    8 at a time; LOAD loads them."""
    SLOTS: tl.constexpr = BLOCK_M * SPLITS
    K: tl.constexpr = 2 if SLOTS <= 2 else (4 if SLOTS <= 4 else 8)
    for c in tl.static_range((SLOTS + K - 1) // K):
        if SUMS_MODE == SUMS_EXCHANGE:
            words = _await_slots(Sums, start, end, c * K, K, SLOTS, SPLITS)
        for i in tl.static_range(K):
            if c * K + i < SLOTS:
                r = (c * K + i) // SPLITS
                j = (c * K + i) % SPLITS
                ok = start + r < end
                if SUMS_MODE == SUMS_EXCHANGE:
                    first = words[i].to(tl.int32).to(tl.float32, bitcast=True)
                    second = (words[i] >> 32).to(tl.int32).to(tl.float32, bitcast=True)
                    first, second = tl.where(ok, first, 0.0), tl.where(ok, second, 0.0)
                else:
                    slot = Sums + (start + r).to(tl.int64) * (2 * SPLITS) + 2 * j
                    first = tl.load(slot, mask=ok, other=0.0)
                    second = tl.load(slot + 1, mask=ok, other=0.0)
                a_r, b_r = COMBINE(a, b, first, second, j, N, BLOCK_N)
                here = tl.arange(0, BLOCK_M) == r
                a, b = tl.where(here, a_r, a), tl.where(here, b_r, b)
    return a, b


@triton.jit
def _add_slice(a, b, first, second, j: tl.constexpr, N, BLOCK_N: tl.constexpr):
    # The backward's row sums: slice j's added.
    return a + first, b + second


@triton.jit
def _merge_slice(mean, m2, mean_j, m2_j, j: tl.constexpr, N, BLOCK_N: tl.constexpr):
    # The split forward's (mean, M2): slice j's (its columns counted) merged in.
    n_j = tl.maximum(tl.minimum(N - j * BLOCK_N, BLOCK_N), 0) * 1.0
    return _merge_stats(mean, m2, mean_j, m2_j, j * BLOCK_N * 1.0, n_j)


@triton.jit
def _fwd_split_kernel(
    X,
    Y,
    W,
    B,
    Mean,
    Rstd,
    Sums,
    stride_x,
    M,
    N,
    eps,
    rows_per_group,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    SPLITS: tl.constexpr,
    SUMS_MODE: tl.constexpr,
    HAS_W: tl.constexpr,
    HAS_B: tl.constexpr,
    STORE_STATS: tl.constexpr,
    LAG: tl.constexpr,
    STREAM_Y: tl.constexpr,
):
    # A row split over a group of SPLITS programs: program (s, g) owns columns
    # [s*BLOCK_N, (s+1)*BLOCK_N) of the rows [g*rows_per_group, (g+1)*rows_per_group), BLOCK_M
    # rows at a time, read once. Each slice's mean and M2 go through Sums (_publish_row_pair);
    # every program merges all of them in slice order, so all get the same statistics. With
    # LAG a tile's y is stored one round late, after the next tile's pair is published, its x
    # held meanwhile (as _bwd_kernel's LAG).
    split, group, first_row, last_row, _, cols, cmask = _program_slice(
        rows_per_group, M, N, BLOCK_N
    )
    n_slice = tl.maximum(tl.minimum(N - split * BLOCK_N, BLOCK_N), 1) * 1.0  # 1: past the end
    x_next = _load_rows(X, first_row, last_row, stride_x, cols, N, BLOCK_M)
    if LAG:
        x_held = tl.zeros([BLOCK_M, BLOCK_N], dtype=X.dtype.element_ty)
        start_held = last_row  # no rows before the first round
    # Every program of a group runs the same number of rounds (see _bwd_kernel).
    for i in range(0, rows_per_group, BLOCK_M):
        start = first_row + i
        rows = start + tl.arange(0, BLOCK_M)
        row_ok = rows < last_row
        mask = row_ok[:, None] & cmask[None, :]
        # The next tile's loads are issued before this tile's reductions and wait.
        x_loaded = x_next
        x = _f32(x_loaded)
        x_next = _load_rows(X, start + BLOCK_M, last_row, stride_x, cols, N, BLOCK_M)
        mean_s = tl.math.div_rn(tl.sum(x, axis=1), n_slice)
        d = tl.where(mask, x - mean_s[:, None], 0.0)
        m2_s = tl.sum(d * d, axis=1)
        _publish_row_pair(Sums, rows, row_ok, split, mean_s, m2_s, SPLITS, SUMS_MODE)
        if SUMS_MODE != SUMS_STORE:
            if LAG:
                x_out, start_out = x_held, start_held
            else:
                x_out, start_out = x_loaded, start
            _normalize_slice_tile(
                Y,
                W,
                B,
                Mean,
                Rstd,
                Sums,
                x_out,
                start_out,
                last_row,
                split,
                cols,
                cmask,
                N,
                eps,
                BLOCK_M,
                BLOCK_N,
                SPLITS,
                SUMS_MODE,
                HAS_W,
                HAS_B,
                STORE_STATS,
                STREAM_Y,
            )
        if LAG:
            x_held, start_held = x_loaded, start
    if LAG and SUMS_MODE != SUMS_STORE:
        _normalize_slice_tile(
            Y,
            W,
            B,
            Mean,
            Rstd,
            Sums,
            x_held,
            start_held,
            last_row,
            split,
            cols,
            cmask,
            N,
            eps,
            BLOCK_M,
            BLOCK_N,
            SPLITS,
            SUMS_MODE,
            HAS_W,
            HAS_B,
            STORE_STATS,
            STREAM_Y,
        )


@triton.jit
def _normalize_slice_tile(
    Y,
    W,
    B,
    Mean,
    Rstd,
    Sums,
    x,
    start,
    end,
    split,
    cols,
    cmask,
    N,
    eps,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    SPLITS: tl.constexpr,
    SUMS_MODE: tl.constexpr,
    HAS_W: tl.constexpr,
    HAS_B: tl.constexpr,
    STORE_STATS: tl.constexpr,
    STREAM_Y: tl.constexpr,
):
    """_fwd_split_kernel's y of the row tile from ``start`` (x as loaded), once its group's
    slice statistics are in Sums; slice 0 also stores mean and rstd."""
    rows = start + tl.arange(0, BLOCK_M)
    row_ok = rows < end
    mask = row_ok[:, None] & cmask[None, :]
    zeros = tl.zeros([BLOCK_M], dtype=tl.float32)
    mean, m2 = _gather_row_pairs(
        Sums, start, end, zeros, zeros, N, BLOCK_M, BLOCK_N, SPLITS, SUMS_MODE, _merge_slice
    )
    rstd = tl.rsqrt(_div(m2, N) + eps)
    xhat = (_f32(x) - mean[:, None]) * rstd[:, None]
    y_ptrs = Y + rows.to(tl.int64)[:, None] * N + cols[None, :]
    w, b = _load_params(W, B, cols, cmask, HAS_W, HAS_B)
    _affine_store(y_ptrs, xhat, w, b, mask, HAS_W, HAS_B, STREAM_Y)
    if STORE_STATS and split == 0:
        tl.store(Mean + rows, mean, mask=row_ok)
        tl.store(Rstd + rows, rstd, mask=row_ok)


@triton.jit
def _xhat(x, mask, mean, rstd):
    """(x - mean) * rstd in fp32, 0 where ``mask`` is off."""
    # (The mask is not needed for the row sums, dy being 0 wherever it is off, but without it the
    # 16-bit split rows ran 2-6 points slower: log entry 24.)
    return tl.where(mask, (x.to(tl.float32) - mean) * rstd, 0.0)


@triton.jit
def _wdy(dy, w, HAS_W: tl.constexpr):
    """w*dy (``dy`` fp32, ``w`` fp32 (1, BLOCK_N)); dy without weights."""
    wdy = dy
    if HAS_W:
        wdy = dy * w
    return wdy


@triton.jit
def _row_sums(xhat, dy, w, HAS_W: tl.constexpr):
    """w*dy (_wdy) and the two row sums sum(xhat * w*dy), sum(w*dy): the same code for a
    program's own slice and, with SUMS_RECOMPUTE, the other one's, so both programs of a group
    get bitwise the same sums."""
    wdy = _wdy(dy, w, HAS_W)
    # Both row sums in one reduction: one cross-warp exchange instead of two (fp32 at N = 8192:
    # 83% of copy against 77%).
    s1, s2 = tl.reduce((xhat * wdy, wdy), 1, _add_pair)
    return wdy, s1, s2


@triton.jit
def _weights(W, cols, cmask, HAS_W: tl.constexpr):
    """The weights of columns ``cols`` as an fp32 (1, BLOCK) row; 1.0 without weights."""
    w = 1.0
    if HAS_W:
        w = tl.load(W + cols, mask=cmask, other=0.0).to(tl.float32)[None, :]
    return w


@triton.jit
def _piece_row_sums(
    X, DY, W, rows64, row_ok, cols, stride_x, stride_dy, N, mean, rstd, HAS_W: tl.constexpr
):
    """x and dy of the rows at columns ``cols`` other than the program's block (another slice's,
    or a whole row's tail), loaded with their weights: (xhat, dy, w*dy, mask, s1, s2) as
    _xhat and _row_sums give them."""
    cmask = cols < N
    mask = row_ok[:, None] & cmask[None, :]
    x = tl.load(X + rows64 * stride_x + cols[None, :], mask=mask, other=0.0)
    dy = tl.load(DY + rows64 * stride_dy + cols[None, :], mask=mask, other=0.0).to(tl.float32)
    xhat = _xhat(x, mask, mean, rstd)
    # Weights loaded per row (L1/L2 hits, pipelined with x and dy): held in registers across the
    # loop instead, the other slice's weights made the kernel spill and lost 8 points, the
    # tail's 1-20 (log entries 31, 32).
    wdy, s1, s2 = _row_sums(xhat, dy, _weights(W, cols, cmask, HAS_W), HAS_W)
    return xhat, dy, wdy, mask, s1, s2


@triton.jit
def _dx_and_param_grads(
    DX, rows64, cols, mask, N, xhat, dy, wdy, a, b, rstd, dw_acc, db_acc, PARAM_GRADS: tl.constexpr
):
    """Stores dx of a row tile's columns ``cols`` (a, b: the row sums' terms, see _bwd_kernel)
    and adds the tile to the dweight/dbias accumulators, which it returns."""
    # rstd * (wdy - xhat * mean(xhat*wdy) - mean(wdy)), as two fma per element
    dx = wdy * rstd - (xhat * a + b)
    tl.store(DX + rows64 * N + cols[None, :], dx.to(DX.dtype.element_ty), mask=mask)
    if PARAM_GRADS:
        dw_acc += dy * xhat
        db_acc += dy
    return dw_acc, db_acc


@triton.jit
def _finish_held_tile(
    DX,
    Sums,
    start,
    end,
    cols,
    cmask,
    x,
    dy,
    mean,
    rstd,
    w,
    N,
    dw_acc,
    db_acc,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    SPLITS: tl.constexpr,
    SUMS_MODE: tl.constexpr,
    HAS_W: tl.constexpr,
    PARAM_GRADS: tl.constexpr,
):
    """With LAG: dx and the dweight/dbias terms of the row tile from ``start`` that the loop
    held for one iteration (x and dy as loaded, mean and rstd (BLOCK_M, 1)), once its group's
    row sums are in Sums. xhat and w*dy are computed again by the code that gave the sums, so
    dx is bitwise what the tile's own iteration would have stored."""
    rows = start + tl.arange(0, BLOCK_M)
    mask = (rows < end)[:, None] & cmask[None, :]
    xhat = _xhat(x, mask, mean, rstd)
    dy = dy.to(tl.float32)
    wdy = _wdy(dy, w, HAS_W)
    zeros = tl.zeros([BLOCK_M], dtype=tl.float32)
    s1, s2 = _gather_row_pairs(
        Sums, start, end, zeros, zeros, N, BLOCK_M, BLOCK_N, SPLITS, SUMS_MODE, _add_slice
    )
    a = _div(s1, N)[:, None] * rstd
    b = _div(s2, N)[:, None] * rstd
    rows64 = rows.to(tl.int64)[:, None]
    return _dx_and_param_grads(
        DX, rows64, cols, mask, N, xhat, dy, wdy, a, b, rstd, dw_acc, db_acc, PARAM_GRADS
    )


@triton.jit
def _store_param_grads(
    Partial,
    DW,
    DB,
    group,
    N,
    cols,
    cmask,
    dw_acc,
    db_acc,
    DIRECT: tl.constexpr,
    HAS_DW: tl.constexpr,
    HAS_DB: tl.constexpr,
):
    """The accumulators summed over their rows, at columns ``cols``: into row ``group`` of
    Partial[0] (dweight) and Partial[1] (dbias), each (groups, N) fp32; with DIRECT (one group,
    whose sums are the gradients) into DW and DB themselves, in their dtypes, where HAS_DW and
    HAS_DB say they are wanted."""
    dw = tl.sum(dw_acc, axis=0)
    db = tl.sum(db_acc, axis=0)
    if DIRECT:
        if HAS_DW:
            tl.store(DW + cols, dw.to(DW.dtype.element_ty), mask=cmask)
        if HAS_DB:
            tl.store(DB + cols, db.to(DB.dtype.element_ty), mask=cmask)
    else:
        dw_part = Partial + group.to(tl.int64) * N + cols
        tl.store(dw_part, dw, mask=cmask)
        tl.store(dw_part + tl.num_programs(1).to(tl.int64) * N, db, mask=cmask)


@triton.jit
def _bwd_kernel(
    X,
    DY,
    DX,
    W,
    Mean,
    Rstd,
    Partial,
    DW,
    DB,
    Sums,
    stride_x,
    stride_dy,
    M,
    N,
    rows_per_group,
    BLOCK_M: tl.constexpr,
    BLOCK_N: tl.constexpr,
    TAIL_N: tl.constexpr,
    SPLITS: tl.constexpr,
    SUMS_MODE: tl.constexpr,
    HAS_W: tl.constexpr,
    PARAM_GRADS: tl.constexpr,
    DIRECT_GRADS: tl.constexpr,
    HAS_DW: tl.constexpr,
    HAS_DB: tl.constexpr,
    PREFETCH: tl.constexpr,
    LOAD_STAGES: tl.constexpr,
    W_PER_ROW: tl.constexpr,
    STRIDED: tl.constexpr,
    LAG: tl.constexpr,
    DEPENDENT: tl.constexpr,
):
    if DEPENDENT:  # a dependent launch (never a cooperative one)
        _wait_for_prior_kernel()
    # dx = rstd * (w*dy - mean(w*dy) - xhat * mean(xhat*w*dy)), row by row.
    # Program (s, g) owns columns [s*BLOCK_N, (s+1)*BLOCK_N) of the rows
    # [g*rows_per_group, (g+1)*rows_per_group) (a multiple of BLOCK_M), BLOCK_M rows at a time;
    # with STRIDED, the same number of row tiles, g, g + groups, g + 2*groups, ...
    # With TAIL_N its slice is BLOCK_N + TAIL_N columns: it also owns the TAIL_N after its
    # BLOCK_N, a second, narrower block (whole rows: the row's tail past BLOCK_N; split rows: the
    # slice's). W_PER_ROW: the weights are loaded with every row tile (L1 hits) instead of once
    # into registers, which they would fill.
    # With PARAM_GRADS it also sums dy*xhat and dy over those rows in fp32 registers and writes
    # them to row g of Partial[0] (dweight) and Partial[1] (dbias), each (groups, N) fp32, or
    # with DIRECT_GRADS (a single group) to DW and DB (where HAS_DW, HAS_DB) in their dtypes.
    # Sums is (M, SPLITS, 2) fp32: each slice's two row sums (see _publish_row_pair). With LAG
    # (split rows, no tail, no recompute) a tile is finished one iteration late: iteration i
    # publishes tile i's sums, then waits for tile i-1's and finishes it (_finish_held_tile),
    # so the group's slowest program has a whole tile's time to publish before anyone waits.
    split, group, first_row, last_row, tail_start, cols, cmask = _program_slice(
        rows_per_group, M, N, BLOCK_N, TAIL_N, SPLITS
    )
    if not W_PER_ROW:
        w = _weights(W, cols, cmask, HAS_W)
    if SUMS_MODE == SUMS_RECOMPUTE:
        other_cols = (1 - split) * BLOCK_N + tl.arange(0, BLOCK_N)
    dw_acc = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
    db_acc = tl.zeros([BLOCK_M, BLOCK_N], dtype=tl.float32)
    if TAIL_N > 0:
        tail_cols = tail_start + tl.arange(0, TAIL_N)
        dw_tail = tl.zeros([BLOCK_M, TAIL_N], dtype=tl.float32)
        db_tail = tl.zeros([BLOCK_M, TAIL_N], dtype=tl.float32)
    if PREFETCH:
        x_next, dy_next = _load_row_tile(
            X, DY, first_row, last_row, stride_x, stride_dy, cols, N, BLOCK_M
        )
    end = M if STRIDED else last_row
    if LAG:
        # Before the first iteration the held tile is empty: rows from ``end``, none of them.
        x_held = tl.zeros([BLOCK_M, BLOCK_N], dtype=X.dtype.element_ty)
        dy_held = tl.zeros([BLOCK_M, BLOCK_N], dtype=DY.dtype.element_ty)
        mean_held = tl.zeros([BLOCK_M, 1], dtype=tl.float32)
        rstd_held = tl.zeros([BLOCK_M, 1], dtype=tl.float32)
        start_held = end
    # Every program of a group runs the same number of iterations (rows past the end load zeros,
    # add nothing and store nothing): an exchange needs all of them at every round.
    for i in tl.range(0, rows_per_group, BLOCK_M, num_stages=LOAD_STAGES):
        if STRIDED:
            start = (group + (i // BLOCK_M) * tl.num_programs(1)) * BLOCK_M
        else:
            start = first_row + i
        rows = start + tl.arange(0, BLOCK_M)
        row_ok = rows < end
        mask = row_ok[:, None] & cmask[None, :]
        rows64 = rows.to(tl.int64)[:, None]
        if PREFETCH:
            # Issue the next tile's loads before this tile's reductions, so memory stays busy.
            x, dy = x_next, dy_next
            x_next, dy_next = _load_row_tile(
                X, DY, first_row + i + BLOCK_M, last_row, stride_x, stride_dy, cols, N, BLOCK_M
            )
        else:
            x, dy = _load_row_tile(X, DY, start, end, stride_x, stride_dy, cols, N, BLOCK_M)
        dy_loaded = dy
        dy = dy.to(tl.float32)
        mean = tl.load(Mean + rows, mask=row_ok, other=0.0)[:, None]
        rstd = tl.load(Rstd + rows, mask=row_ok, other=0.0)[:, None]
        if W_PER_ROW:
            w = _weights(W, cols, cmask, HAS_W)
        xhat = _xhat(x, mask, mean, rstd)
        wdy, s1, s2 = _row_sums(xhat, dy, w, HAS_W)
        if TAIL_N > 0:
            xhat_t, dy_t, wdy_t, mask_t, t1, t2 = _piece_row_sums(
                X, DY, W, rows64, row_ok, tail_cols, stride_x, stride_dy, N, mean, rstd, HAS_W
            )
            s1, s2 = s1 + t1, s2 + t2
        if SUMS_MODE == SUMS_RECOMPUTE:
            # Two slices: add the other's pair. a + b == b + a, so both programs of the group get
            # the same sums, bitwise those of an exchange (which adds 0 + s_0 + s_1).
            o1, o2 = _piece_row_sums(
                X, DY, W, rows64, row_ok, other_cols, stride_x, stride_dy, N, mean, rstd, HAS_W
            )[4:]
            s1, s2 = s1 + o1, s2 + o2
        elif SUMS_MODE != SUMS_LOCAL:
            _publish_row_pair(Sums, rows, row_ok, split, s1, s2, SPLITS, SUMS_MODE)
            if SUMS_MODE != SUMS_STORE and not LAG:
                # Every program adds the slices in the same order: the same sums everywhere.
                zeros = tl.zeros([BLOCK_M], dtype=tl.float32)
                s1, s2 = _gather_row_pairs(
                    Sums,
                    start,
                    end,
                    zeros,
                    zeros,
                    N,
                    BLOCK_M,
                    BLOCK_N,
                    SPLITS,
                    SUMS_MODE,
                    _add_slice,
                )
        if LAG:
            if SUMS_MODE != SUMS_STORE:
                dw_acc, db_acc = _finish_held_tile(
                    DX,
                    Sums,
                    start_held,
                    end,
                    cols,
                    cmask,
                    x_held,
                    dy_held,
                    mean_held,
                    rstd_held,
                    w,
                    N,
                    dw_acc,
                    db_acc,
                    BLOCK_M,
                    BLOCK_N,
                    SPLITS,
                    SUMS_MODE,
                    HAS_W,
                    PARAM_GRADS,
                )
            x_held, dy_held, mean_held, rstd_held, start_held = x, dy_loaded, mean, rstd, start
        elif SUMS_MODE != SUMS_STORE:
            a = _div(s1, N)[:, None] * rstd
            b = _div(s2, N)[:, None] * rstd
            dw_acc, db_acc = _dx_and_param_grads(
                DX, rows64, cols, mask, N, xhat, dy, wdy, a, b, rstd, dw_acc, db_acc, PARAM_GRADS
            )
            if TAIL_N > 0:
                dw_tail, db_tail = _dx_and_param_grads(
                    DX,
                    rows64,
                    tail_cols,
                    mask_t,
                    N,
                    xhat_t,
                    dy_t,
                    wdy_t,
                    a,
                    b,
                    rstd,
                    dw_tail,
                    db_tail,
                    PARAM_GRADS,
                )
    if LAG and SUMS_MODE != SUMS_STORE:
        if W_PER_ROW:
            w = _weights(W, cols, cmask, HAS_W)
        dw_acc, db_acc = _finish_held_tile(
            DX,
            Sums,
            start_held,
            end,
            cols,
            cmask,
            x_held,
            dy_held,
            mean_held,
            rstd_held,
            w,
            N,
            dw_acc,
            db_acc,
            BLOCK_M,
            BLOCK_N,
            SPLITS,
            SUMS_MODE,
            HAS_W,
            PARAM_GRADS,
        )
    if PARAM_GRADS:
        _store_param_grads(
            Partial, DW, DB, group, N, cols, cmask, dw_acc, db_acc, DIRECT_GRADS, HAS_DW, HAS_DB
        )
        if TAIL_N > 0:
            _store_param_grads(
                Partial,
                DW,
                DB,
                group,
                N,
                tail_cols,
                tail_cols < N,
                dw_tail,
                db_tail,
                DIRECT_GRADS,
                HAS_DW,
                HAS_DB,
            )


@triton.jit
def _sum_partials_kernel(
    Partial,
    DW,
    DB,
    G,
    N,
    BLOCK_G: tl.constexpr,
    BLOCK_N: tl.constexpr,
    HAS_DW: tl.constexpr,
    HAS_DB: tl.constexpr,
    DEPENDENT: tl.constexpr,
):
    # Column block of the (2, G, N) partial buffer summed over G in a fixed order.
    if DEPENDENT:  # a dependent launch: waits for the rows kernel's partial rows
        _wait_for_prior_kernel()
    cols = tl.program_id(0) * BLOCK_N + tl.arange(0, BLOCK_N)
    cmask = cols < N
    dw = tl.zeros([BLOCK_G, BLOCK_N], dtype=tl.float32)
    db = tl.zeros([BLOCK_G, BLOCK_N], dtype=tl.float32)
    for g0 in range(0, G, BLOCK_G):
        g = g0 + tl.arange(0, BLOCK_G)
        offs = g.to(tl.int64)[:, None] * N + cols[None, :]
        mask = (g < G)[:, None] & cmask[None, :]
        if HAS_DW:
            dw += tl.load(Partial + offs, mask=mask, other=0.0)
        if HAS_DB:
            db += tl.load(Partial + G * N + offs, mask=mask, other=0.0)
    if HAS_DW:
        tl.store(DW + cols, tl.sum(dw, axis=0).to(DW.dtype.element_ty), mask=cmask)
    if HAS_DB:
        tl.store(DB + cols, tl.sum(db, axis=0).to(DB.dtype.element_ty), mask=cmask)


# ---- launching ----
# JITFunction.run binds and specializes every argument on every call: on the lent H100 VMs a
# launch through it takes ~26 us, the compiled kernel's own launcher ~9 us (docs/performance.md,
# host cost). So a specialization is launched through Triton once, which compiles (or loads) it,
# and through its CompiledKernel from then on, as JITFunction.run would.
_compiled_kernels: dict[tuple, object] = {}


def _arg_key(arg) -> object:
    """All that Triton specializes a kernel argument on, and a little more: an int's being 1, a
    multiple of 16 and within 32 bits; a tensor's dtype and 16-byte alignment; else its type."""
    kind = type(arg)
    if kind is int:
        return arg == 1, arg % 16 == 0, arg < 2**31
    if kind is float or arg is None:
        return kind
    return arg.dtype, arg.data_ptr() % 16 == 0


def _launch(
    kernel, grid: tuple[int, ...], args: tuple, consts: dict, plan_key: tuple = (), **options
) -> None:
    """``kernel[grid](*args, **consts, **options)`` on the device of ``args[0]`` (a tensor);
    ``consts`` are the kernel's constexpr parameters, all of them and in order, after those in
    ``args``. ``plan_key``: a key that determines the grid, ``consts``, ``options`` and all that
    Triton specializes ``args`` on (see _rules_forward_plan), used instead of one built from them.

    Unlike JITFunction.run, Triton's global compile knobs (``knobs.runtime.debug``,
    instrumentation) are read at a specialization's first launch only."""
    if INTERPRET:
        kernel[grid](*args, **consts, **options)
        return
    driver = triton.runtime.driver.active
    device = driver.get_current_device()
    if args[0].get_device() != device:
        # Triton launches on the current device; PyTorch ops follow their tensors' device.
        with torch.cuda.device(args[0].device):
            return _launch(kernel, grid, args, consts, plan_key=plan_key, **options)
    if plan_key:
        key = (id(kernel), plan_key)
    else:
        key = (id(kernel), device, *consts.values(), *options.items())
        key += tuple(_arg_key(a) for a in args)
    compiled = _compiled_kernels.get(key)
    if compiled is None:
        compiled = kernel[grid](*args, **consts, **options)
        assert list(consts) == kernel.arg_names[len(args) :], "constexprs missing or out of order"
        _compiled_kernels[key] = compiled
        return
    stream = driver.get_current_stream(device)
    args = (*args, *consts.values())
    grid = (*grid, 1, 1)
    runtime = triton.knobs.runtime  # launch hooks (profilers) are called as JITFunction.run does
    compiled.run(
        grid[0],
        grid[1],
        grid[2],
        stream,
        compiled.function,
        compiled.packed_metadata,
        compiled.launch_metadata(grid[:3], stream, *args),
        runtime.launch_enter_hook,
        runtime.launch_exit_hook,
        *args,
    )


# ---- launchers (2-D views: x is (M, N) with unit column stride) ----
def _rows(t: torch.Tensor, m: int, n: int) -> torch.Tensor:
    """(m, n) view of ``t`` with unit column stride; copies only when no such view exists."""
    if t.dim() == 2 and t.shape[0] == m and t.shape[1] == n and t.stride(1) == 1:
        return t  # the common case, without a dispatcher call
    t2 = t.reshape(m, n)
    return t2 if t2.stride(-1) == 1 or n <= 1 else t2.contiguous()


def _empty_rows(x: torch.Tensor) -> torch.Tensor:
    """An uninitialized contiguous tensor like the 2-D ``x``: torch.empty((M, N), dtype=...,
    device=...) with ~2 us less Python argument parsing (log entry 78)."""
    return torch.empty_like(x, memory_format=torch.contiguous_format)


def _test_slowdown(*tensors: torch.Tensor) -> None:
    """Test-only (config.TEST_SLOWDOWN): an extra copy of a fraction of the rows."""
    for t in tensors:
        t[: math.ceil(cfg.TEST_SLOWDOWN * t.shape[0])].clone()


def _dependent_launch_option(dependent: bool) -> dict:
    """Triton's launch option for a programmatic dependent launch, only where one is asked:
    backends without the option (AMD's) reject it even when false."""
    return {"launch_pdl": True} if dependent else {}


def _fwd_kernel_consts(
    conf: cfg.ForwardConfig,
    M: int,
    N: int,
    has_w: bool,
    has_b: bool,
    stats: bool,
    dependent: bool,
) -> dict:
    """_fwd_kernel's constexpr parameters, in its order, for ``conf`` (splits == 1) and an
    (M, N) input; ``dependent``: launched as a programmatic dependent launch."""
    full = N == conf.block_n * conf.num_chunks and M % conf.block_m == 0
    hints = ("evict_last", "evict_first") if conf.l2_hints else ("", "")
    equal_lanes = conf.lane_stats and conf.equal_lanes and full
    return dict(
        BLOCK_M=conf.block_m,
        BLOCK_N=conf.block_n,
        NUM_CHUNKS=conf.num_chunks,
        HAS_W=has_w,
        HAS_B=has_b,
        FULL_TILES=full,
        PARAMS_FIRST=conf.params_first,
        STORE_STATS=stats,
        LANE_STATS=conf.lane_stats,
        COUNT_ONCE=conf.count_once,
        EQUAL_LANES=equal_lanes,
        ONE_LOAD_CHUNKS=cfg.one_load_chunks(conf) if equal_lanes else 0,
        EVICT1=hints[0],
        EVICT2=hints[1],
        IN_ORDER=conf.in_order,
        PASS2_AHEAD=conf.pass2_ahead and conf.num_chunks > 1,
        STREAM_Y=conf.streaming_store,
        DEPENDENT=dependent,
    )


class _ForwardPlan(NamedTuple):
    """What _forward launches for a config and an input: splits == 1 fills all four fields,
    split rows only ``conf``."""

    conf: cfg.ForwardConfig
    grid: tuple[int, ...] | None = None
    consts: dict | None = None
    options: dict | None = None


def _forward_plan(
    conf: cfg.ForwardConfig,
    M: int,
    N: int,
    has_w: bool,
    has_b: bool,
    stats: bool,
    dependent: bool,
) -> _ForwardPlan:
    """The launch of a forward with ``conf`` for an (M, N) input; ``dependent``: a programmatic
    dependent launch (config.dependent_launches; split rows, their own launches, never)."""
    if conf.lag and conf.splits == 1:
        raise ValueError(f"ForwardConfig.lag needs split rows (splits > 1): {conf}")
    if conf.splits > 1:
        return _ForwardPlan(conf)
    options = {"num_warps": conf.num_warps, **_dependent_launch_option(dependent)}
    if conf.max_registers:
        options["maxnreg"] = conf.max_registers
    consts = _fwd_kernel_consts(conf, M, N, has_w, has_b, stats, dependent)
    return _ForwardPlan(conf, (cfg.cdiv(M, conf.block_m),), consts, options)


# A small call's host time (log entries 67, 72): finding the rules' config, fitting its tile,
# building the constexprs and the launch cache's key cost ~10 us of a (1, 4096) call's ~32.
# So the rules' plan for an input is kept under a key of everything that decides it and what
# Triton specializes the arguments on (y, mean and rstd are fresh allocations, always aligned),
# which then also keys the compiled kernel. The same for the backward (_rules_backward_plan).
# A store is cleared when it holds _MAX_PLANS (one a signature).
_forward_plans: dict[tuple, _ForwardPlan] = {}
_MAX_PLANS = 4096


def _keep_plan(plans: dict, key: tuple, plan) -> None:
    if len(plans) >= _MAX_PLANS:
        plans.clear()
    plans[key] = plan


def _rules_forward_plan(x: torch.Tensor, weight, bias, stats: bool) -> tuple[tuple, _ForwardPlan]:
    """(key, plan) of the H100/H200 rules (config.forward_config, fit_forward_tile) for ``x``."""
    M, N = x.shape
    key = (x.get_device(), M, N, x.stride(0), stats, *[_arg_key(t) for t in (x, weight, bias)])
    plan = _forward_plans.get(key)
    if plan is None:
        conf = cfg.forward_config(N, x.dtype, cfg.gpu_family(x.device))
        conf = cfg.fit_forward_tile(conf, M, cfg.sm_count(x.device), x.element_size())
        dependent = cfg.dependent_launches(x.device)
        plan = _forward_plan(conf, M, N, weight is not None, bias is not None, stats, dependent)
        _keep_plan(_forward_plans, key, plan)
    return key, plan


def _forward(
    x: torch.Tensor,
    weight,
    bias,
    eps: float,
    conf: cfg.ForwardConfig | None = None,
    *,
    stats: bool = True,
):
    """y, mean, rstd for a 2-D ``x`` (see :func:`_rows`); with ``stats=False`` (inference) the
    row statistics are neither allocated nor written: y, None, None."""
    M, N = x.shape
    y = _empty_rows(x)
    if stats:
        mean = torch.empty((M,), dtype=torch.float32, device=x.device)
        rstd = torch.empty((M,), dtype=torch.float32, device=x.device)
    else:
        mean = rstd = y  # never written (STORE_STATS is off); any tensor fills the slots
    if M == 0 or N == 0:
        # Zero rows: nothing to do. Zero columns: PyTorch returns NaN statistics.
        return (y, mean.fill_(math.nan), rstd.fill_(math.nan)) if stats else (y, None, None)
    if conf is None:
        key, plan = _rules_forward_plan(x, weight, bias, stats)
    else:
        has_w, has_b = weight is not None, bias is not None
        dependent = cfg.dependent_launches(x.device)
        key, plan = (), _forward_plan(conf, M, N, has_w, has_b, stats, dependent)
    conf = plan.conf
    if conf.splits == 1:
        args = (x, y, weight, bias, mean, rstd, x.stride(0), M, N, float(eps))
        _launch(_fwd_kernel, plan.grid, args, plan.consts, plan_key=key, **plan.options)
    else:
        consts = dict(BLOCK_M=conf.block_m, BLOCK_N=conf.block_n)
        flags = dict(HAS_W=weight is not None, HAS_B=bias is not None)
        programs = cfg.sm_count(x.device)
        groups, rows_per_group = _persistent_groups(M, conf.block_m, conf.splits, programs)
        modes = _row_sums_modes(conf, x.is_cuda, programs)
        sums = _row_sums_buffer(x, conf.splits, modes)
        args = (x, y, weight, bias, mean, rstd, sums, x.stride(0), M, N, eps)
        for mode in modes:
            _launch(
                _fwd_split_kernel,
                (conf.splits, groups),
                (*args, rows_per_group),
                dict(
                    **consts,
                    SPLITS=conf.splits,
                    SUMS_MODE=mode,
                    **flags,
                    STORE_STATS=stats,
                    LAG=conf.lag,
                    STREAM_Y=conf.streaming_store,
                ),
                launch_cooperative_grid=mode == SUMS_EXCHANGE.value,
                num_warps=conf.num_warps,
            )
    if cfg.TEST_SLOWDOWN:
        _test_slowdown(x)
    return (y, mean, rstd) if stats else (y, None, None)


class _BackwardPlan(NamedTuple):
    """What _backward launches for a config and an input (see :func:`_backward_plan`)."""

    conf: cfg.BackwardConfig
    grid: tuple[int, int]  # (splits, groups) of the rows kernel
    rows_per_group: int
    sums_modes: tuple[int, ...] | None  # the split rows' own row-sums buffer, else None
    rows_launches: tuple[tuple[dict, dict], ...]  # (constexprs, options) a rows-kernel launch
    # The sum of the (2, groups, N) fp32 partial dweight/dbias rows: grid, consts, options; None
    # when there are no partial rows.
    sum_launch: tuple[tuple[int], dict, dict] | None


def _backward_plan(
    conf: cfg.BackwardConfig,
    M: int,
    N: int,
    on_gpu: bool,
    sms: int,
    has_w: bool,
    need_dw: bool,
    need_db: bool,
    dependent: bool,
) -> _BackwardPlan:
    """The launches of a backward with ``conf`` for an (M, N) input. ``dependent``: each is a
    programmatic dependent launch of the kernel before it (config.dependent_launches), but a
    cooperative one (split rows swapping their sums)."""
    if conf.splits * (conf.block_n + conf.tail_n) < N:
        raise ValueError(
            f"BackwardConfig covers splits * (block_n + tail_n) columns, fewer than N = {N}: {conf}"
        )
    if conf.strided and conf.prefetch:
        raise ValueError(f"BackwardConfig.strided does not take the register prefetch: {conf}")
    if conf.tail_n and conf.recompute:
        raise ValueError(f"BackwardConfig.recompute does not take a tail block (tail_n): {conf}")
    if conf.lag and (conf.splits == 1 or conf.recompute or conf.tail_n):
        raise ValueError(
            f"BackwardConfig.lag needs split rows that swap their sums, without a tail: {conf}"
        )
    param_grads = need_dw or need_db
    programs = sms * conf.programs_per_sm
    groups, rows_per_group = _persistent_groups(M, conf.block_m, conf.splits, programs)
    direct = groups == 1  # its row sums are the gradients
    sums_modes = None
    if conf.splits == 1:
        modes = (SUMS_LOCAL.value,)
    elif conf.recompute:
        if conf.splits != 2:
            raise ValueError(f"BackwardConfig.recompute needs splits == 2, got {conf.splits}")
        modes = (SUMS_RECOMPUTE.value,)
    else:
        modes = sums_modes = _row_sums_modes(conf, on_gpu, programs)
    launches = tuple(
        (
            dict(
                BLOCK_M=conf.block_m,
                BLOCK_N=conf.block_n,
                TAIL_N=conf.tail_n,
                SPLITS=conf.splits,
                SUMS_MODE=mode,
                HAS_W=has_w,
                PARAM_GRADS=param_grads and mode != SUMS_STORE.value,
                DIRECT_GRADS=direct,
                HAS_DW=need_dw,
                HAS_DB=need_db,
                PREFETCH=conf.prefetch,
                LOAD_STAGES=conf.load_stages,
                W_PER_ROW=conf.weights_per_row,
                STRIDED=conf.strided,
                LAG=conf.lag,
                DEPENDENT=dependent and mode != SUMS_EXCHANGE.value,
            ),
            dict(
                # An exchange needs the whole grid resident at once: CUDA's cooperative launch
                # guarantees it, or refuses the launch, instead of letting it hang.
                launch_cooperative_grid=mode == SUMS_EXCHANGE.value,
                **_dependent_launch_option(dependent and mode != SUMS_EXCHANGE.value),
                num_warps=conf.num_warps,
                # mul+add contraction (fma): ~15% fewer instructions in the loop, 16-bit split
                # rows ~1 point faster (log entry 24). Not for N == 1, where it would make
                # w*dy*rstd - mean(w*dy)*rstd the rounding error of w*dy instead of exactly 0.
                enable_fp_fusion=N > 1,
            ),
        )
        for mode in modes
    )
    sum_launch = None
    if param_grads and not direct:
        block_g, block_n = cfg.partial_sum_tile(N, groups, sms)
        consts = dict(BLOCK_G=block_g, BLOCK_N=block_n, HAS_DW=need_dw, HAS_DB=need_db)
        options = dict(num_warps=cfg.PARTIAL_SUM_WARPS, **_dependent_launch_option(dependent))
        sum_launch = ((cfg.cdiv(N, block_n),), dict(**consts, DEPENDENT=dependent), options)
    return _BackwardPlan(
        conf,
        (conf.splits, groups),
        rows_per_group,
        sums_modes,
        launches,
        sum_launch,
    )


_backward_plans: dict[tuple, _BackwardPlan] = {}


def _rules_backward_plan(
    dy: torch.Tensor, x: torch.Tensor, weight, mean, rstd, need_dw: bool, db_dtype
) -> tuple[tuple, _BackwardPlan]:
    """(key, plan) of the rules (config.backward_config, fit_backward_tile) for the inputs, kept
    as the forward's are (_rules_forward_plan): dx, dweight, dbias and the buffers are fresh
    allocations, so the key holds all Triton specializes the launches' arguments on."""
    M, N = x.shape
    key = (x.get_device(), M, N, x.stride(0), dy.stride(0), need_dw, db_dtype)
    key += tuple(_arg_key(t) for t in (x, dy, weight, mean, rstd))
    plan = _backward_plans.get(key)
    if plan is None:
        w_size = 0 if weight is None else weight.element_size()
        family, smem = cfg.gpu_family(x.device), cfg.max_shared_memory(x.device)
        sms = cfg.sm_count(x.device)
        conf = cfg.backward_config(N, x.dtype, family, smem, w_size)
        conf = cfg.fit_backward_tile(conf, M, sms * conf.programs_per_sm)
        has_w, need_db = weight is not None, db_dtype is not None
        dependent = cfg.dependent_launches(x.device)
        plan = _backward_plan(conf, M, N, x.is_cuda, sms, has_w, need_dw, need_db, dependent)
        _keep_plan(_backward_plans, key, plan)
    return key, plan


def _backward(
    dy,
    x,
    weight,
    mean,
    rstd,
    need_dw: bool,
    db_dtype: torch.dtype | None,
    conf: cfg.BackwardConfig | None = None,
):
    """dx, dweight, dbias for 2-D ``dy`` and ``x`` (see :func:`_bwd_kernel`).

    dweight (the weight's dtype) is computed when ``need_dw``, dbias when ``db_dtype`` is given;
    otherwise they are None. Both are summed in fp32 through a (2, groups, N) partial buffer,
    added up in a fixed order by :func:`_sum_partials_kernel`; a single group (few rows) writes
    them directly instead (no buffer, no second launch). Rows a little wider than one
    program's block stay whole as a second, tail block (``conf.tail_n``); wider ones are split
    over ``conf.splits`` programs (each slice one block, or a block and a tail) that swap their
    row sums or, two slices of one block each, each compute them whole (``SUMS_MODE``).
    """
    M, N = x.shape
    need_db = db_dtype is not None
    dx = _empty_rows(x)
    dw = torch.empty_like(weight) if need_dw else None
    db = None
    if need_db:
        if weight is None:
            db = torch.empty((N,), dtype=db_dtype, device=x.device)
        else:  # the same, ~1 us faster
            db = torch.empty_like(weight, dtype=db_dtype)
    if M == 0 or N == 0:
        return dx, None if dw is None else dw.zero_(), None if db is None else db.zero_()
    if conf is None:
        key, plan = _rules_backward_plan(dy, x, weight, mean, rstd, need_dw, db_dtype)
    else:
        sms, has_w = cfg.sm_count(x.device), weight is not None
        dependent = cfg.dependent_launches(x.device)
        plan = _backward_plan(conf, M, N, x.is_cuda, sms, has_w, need_dw, need_db, dependent)
        key = ()
    # dx fills the slots of buffers a launch does not touch (saves an allocation, ~2-4 us).
    partial = sums = dx
    if plan.sum_launch:
        partial = torch.empty((2, plan.grid[1], N), dtype=torch.float32, device=x.device)
    if plan.sums_modes is not None:
        sums = _row_sums_buffer(x, plan.conf.splits, plan.sums_modes)
    args = (x, dy, dx, weight, mean, rstd, partial, dx if dw is None else dw)
    args += (dx if db is None else db, sums, x.stride(0), dy.stride(0), M, N)
    args += (plan.rows_per_group,)
    for consts, options in plan.rows_launches:
        launch_key = (*key, consts["SUMS_MODE"]) if key else ()
        _launch(_bwd_kernel, plan.grid, args, consts, plan_key=launch_key, **options)
    if plan.sum_launch:
        grid, consts, options = plan.sum_launch
        sum_args = (partial, dw, db, plan.grid[1], N)
        _launch(_sum_partials_kernel, grid, sum_args, consts, plan_key=key, **options)
    if cfg.TEST_SLOWDOWN:
        _test_slowdown(x, dy)
    return dx, dw, db


def _persistent_groups(M: int, block_m: int, splits: int, programs: int) -> tuple[int, int]:
    """(groups, rows_per_group) of a persistent grid of at most ``programs`` programs, ``splits``
    to a group: each group walks rows_per_group rows, a multiple of block_m (no row in two
    groups), as one contiguous run or (BackwardConfig.strided) as row tiles strided over the
    grid."""
    groups = max(1, min(programs // splits, cfg.cdiv(M, block_m)))
    rows_per_group = cfg.cdiv(cfg.cdiv(M, groups), block_m) * block_m
    return cfg.cdiv(M, rows_per_group), rows_per_group


def _row_sums_modes(conf, on_gpu: bool, programs: int) -> tuple[int, ...]:
    """SUMS_MODE of each launch for rows split over ``conf.splits`` programs.

    An exchange spins until the group's other programs have written their slots: sound only when
    the whole grid is resident at once (launched cooperatively: CUDA refuses the launch
    otherwise), never in the interpreter, which runs programs one at a time. A row split over
    more programs than the persistent grid holds takes the two launches.
    """
    if conf.exchange and on_gpu and conf.splits <= programs:
        return (SUMS_EXCHANGE.value,)
    return (SUMS_STORE.value, SUMS_LOAD.value)


def _row_sums_buffer(x: torch.Tensor, splits: int, modes: tuple[int, ...]) -> torch.Tensor:
    """The (M, splits, 2) row sums of split rows for launches of ``modes``: every slot
    UNWRITTEN for an exchange, else uninitialized."""
    shape = (x.shape[0], splits, 2)
    if modes == (SUMS_EXCHANGE.value,):
        unwritten = torch.full(shape, UNWRITTEN.value, dtype=torch.int32, device=x.device)
        return unwritten.view(torch.float32)
    return torch.empty(shape, dtype=torch.float32, device=x.device)


# ---- autograd: one backward glue for the eager Function and the custom op ----
def _save_for_backward(ctx, x, weight, bias, mean, rstd) -> None:
    ctx.save_for_backward(x, weight, mean, rstd)
    ctx.bias_dtype = None if bias is None else bias.dtype


def _grads_from_ctx(ctx, dy, backward_fn):
    """(dx, dweight, dbias) from what :func:`_save_for_backward` kept; only the needed ones."""
    x, weight, mean, rstd = ctx.saved_tensors
    need_dw = weight is not None and ctx.needs_input_grad[1]
    db_dtype = ctx.bias_dtype if ctx.needs_input_grad[2] else None
    return backward_fn(_rows(dy, *x.shape), x, weight, mean, rstd, need_dw, db_dtype)


class _LayerNormFunction(torch.autograd.Function):
    """Eager path: calls the launchers directly (no dispatcher round trip per call)."""

    @staticmethod
    def forward(ctx, x, weight, bias, eps):
        y, mean, rstd = _forward(x, weight, bias, eps)
        _save_for_backward(ctx, x, weight, bias, mean, rstd)
        return y

    @staticmethod
    @torch.autograd.function.once_differentiable  # first order only: double backward raises
    def backward(ctx, dy):
        return (*_grads_from_ctx(ctx, dy, _backward), None)


# ---- the custom op torch.compile sees as one node ----
@torch.library.custom_op("kernels::layer_norm_fwd", mutates_args=())
def layer_norm_fwd(
    x: torch.Tensor, weight: torch.Tensor | None, bias: torch.Tensor | None, eps: float
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(y, mean, rstd) of a 2-D ``x`` with unit column stride; mean and rstd are fp32 (M,)."""
    return _forward(x, weight, bias, eps)


@layer_norm_fwd.register_fake
def _(x, weight, bias, eps):
    M, N = x.shape
    stats = x.new_empty((M,), dtype=torch.float32)
    return x.new_empty((M, N)), stats, torch.empty_like(stats)


@torch.library.custom_op("kernels::layer_norm_bwd", mutates_args=())
def layer_norm_bwd(
    dy: torch.Tensor,
    x: torch.Tensor,
    weight: torch.Tensor | None,
    mean: torch.Tensor,
    rstd: torch.Tensor,
    need_dw: bool,
    db_dtype: torch.dtype | None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(dx, dweight, dbias); a gradient not asked for comes back as an empty tensor."""
    dx, dw, db = _backward(dy, x, weight, mean, rstd, need_dw, db_dtype)
    return dx, x.new_empty((0,)) if dw is None else dw, x.new_empty((0,)) if db is None else db


@layer_norm_bwd.register_fake
def _(dy, x, weight, mean, rstd, need_dw, db_dtype):
    N = x.shape[1]
    dw = x.new_empty((N,), dtype=weight.dtype) if need_dw else x.new_empty((0,))
    db = x.new_empty((N,), dtype=db_dtype) if db_dtype is not None else x.new_empty((0,))
    return x.new_empty(x.shape), dw, db


def _backward_via_op(dy, x, weight, mean, rstd, need_dw, db_dtype):
    dx, dw, db = layer_norm_bwd(dy, x, weight, mean, rstd, need_dw, db_dtype)
    return dx, dw if need_dw else None, db if db_dtype is not None else None


def _op_setup_context(ctx, inputs, output):
    x, weight, bias, _eps = inputs
    _y, mean, rstd = output
    _save_for_backward(ctx, x, weight, bias, mean, rstd)


def _op_backward(ctx, dy, _dmean, _drstd):
    return (*_grads_from_ctx(ctx, dy, _backward_via_op), None)


layer_norm_fwd.register_autograd(_op_backward, setup_context=_op_setup_context)


# ---- public API ----
def _canonical_shape(normalized_shape) -> tuple[int, ...]:
    # The common cases first, without the numbers.Integral checks below: these run on every
    # call (nn.LayerNorm's tuple, or x.shape[-1:], 2.0 -> 0.5 us on the CPU machine's Python).
    kind = type(normalized_shape)
    if kind is int:
        return (normalized_shape,)
    if (kind is tuple or kind is torch.Size) and all(type(d) is int for d in normalized_shape):
        if normalized_shape:  # () falls through to the error below
            return tuple(normalized_shape)
    if isinstance(normalized_shape, numbers.Integral) and not isinstance(normalized_shape, bool):
        return (int(normalized_shape),)
    if isinstance(normalized_shape, (tuple, list, torch.Size)) and all(
        isinstance(d, numbers.Integral) and not isinstance(d, bool) for d in normalized_shape
    ):
        if len(normalized_shape) == 0:
            raise ValueError("layer_norm: normalized_shape must have at least one dimension")
        return tuple(int(d) for d in normalized_shape)
    raise TypeError(
        "layer_norm: normalized_shape must be an int or a sequence of ints, "
        f"got {normalized_shape!r}"
    )


def _check_param(name: str, p, shape: tuple[int, ...], input: torch.Tensor) -> None:
    if p is None:
        return
    if not isinstance(p, torch.Tensor):
        raise TypeError(f"layer_norm: {name} must be a Tensor or None, got {type(p).__name__}")
    if not p.is_floating_point():
        raise TypeError(f"layer_norm: {name} must be floating point, got {p.dtype}")
    if p.shape != shape:
        raise ValueError(
            f"layer_norm: {name} has shape {tuple(p.shape)}, expected normalized_shape {shape}"
        )
    if p.device != input.device:
        raise ValueError(f"layer_norm: {name} is on {p.device} but input is on {input.device}")


def _check_inputs(input, normalized_shape, weight, bias, eps) -> tuple[int, ...]:
    if not isinstance(input, torch.Tensor):
        raise TypeError(f"layer_norm: input must be a Tensor, got {type(input).__name__}")
    if not input.is_floating_point():
        raise TypeError(
            f"layer_norm: input must be floating point (float32, float16, bfloat16 or float64), "
            f"got {input.dtype}"
        )
    shape = _canonical_shape(normalized_shape)
    if input.shape[-len(shape) :] != shape:  # (fewer dimensions than shape: a shorter tuple)
        raise ValueError(
            f"layer_norm: normalized_shape {shape} does not match the trailing dimensions of the "
            f"input of shape {tuple(input.shape)}"
        )
    _check_param("weight", weight, shape, input)
    _check_param("bias", bias, shape, input)
    if type(eps) is not float and (not isinstance(eps, numbers.Real) or isinstance(eps, bool)):
        raise TypeError(f"layer_norm: eps must be a real number, got {eps!r}")
    if not eps >= 0 or math.isinf(eps):
        raise ValueError(f"layer_norm: eps must be finite and >= 0, got {eps!r}")
    return shape


def _runs_triton(input: torch.Tensor) -> bool:
    if input.dtype not in _TRITON_DTYPES:
        return False
    return input.is_cuda or (INTERPRET and input.device.type == "cpu")


def _pytorch_layer_norm(input, shape, weight, bias, eps):
    """``torch.nn.functional.layer_norm`` taking the same arguments as the Triton path.

    The Triton path accepts weight/bias of any floating dtype; PyTorch only accepts fp32
    parameters with a 16-bit input on the CPU. Other mixes are cast to the input's dtype here;
    gradients come back in each parameter's own dtype through the cast.
    """

    def fit(p):
        native_mix = (
            p is not None
            and p.dtype == torch.float32
            and input.dtype in (torch.float16, torch.bfloat16)
            and input.device.type == "cpu"
        )
        return p if p is None or p.dtype == input.dtype or native_mix else p.to(input.dtype)

    return F.layer_norm(input, shape, fit(weight), fit(bias), eps)


def layer_norm(
    input: torch.Tensor,
    normalized_shape,
    weight: torch.Tensor | None = None,
    bias: torch.Tensor | None = None,
    eps: float = 1e-5,
) -> torch.Tensor:
    """Drop-in for ``torch.nn.functional.layer_norm`` (same arguments, result and gradients).

    CUDA float32/float16/bfloat16 tensors (and CPU ones under ``TRITON_INTERPRET=1``) run the
    Triton kernels; float64 and other CPU tensors use PyTorch's own implementation. Raises
    TypeError/ValueError naming the problem for malformed arguments.
    """
    shape = _check_inputs(input, normalized_shape, weight, bias, eps)
    if not _runs_triton(input):
        return _pytorch_layer_norm(input, shape, weight, bias, eps)
    n = math.prod(shape)
    m = input.numel() // n if n else math.prod(input.shape[: input.dim() - len(shape)])
    x = _rows(input, m, n)
    w, b = _flat(weight, n), _flat(bias, n)
    if torch.compiler.is_compiling():
        y = layer_norm_fwd(x, w, b, float(eps))[0]
    elif torch.is_grad_enabled() and (
        x.requires_grad
        or (w is not None and w.requires_grad)
        or (b is not None and b.requires_grad)
    ):
        y = _LayerNormFunction.apply(x, w, b, float(eps))
    else:  # inference: no autograd node to build, no statistics to keep
        y = _forward(x, w, b, float(eps), stats=False)[0]
    return y if input.dim() == 2 and len(shape) == 1 else y.view(input.shape)


def _flat(p: torch.Tensor | None, n: int) -> torch.Tensor | None:
    """A parameter as the unit-stride 1-D tensor the kernels read (copied only if strided)."""
    if p is None or (p.dim() == 1 and p.is_contiguous()):
        return p
    return p.reshape(n).contiguous()


class LayerNorm(torch.nn.LayerNorm):
    """Drop-in for ``torch.nn.LayerNorm`` running :func:`layer_norm`.

    A subclass, so parameter names, shapes, ``reset_parameters``, ``extra_repr`` and state_dicts
    are PyTorch's own: a state_dict saved by either module loads into the other.
    """

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        return layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)


def triton_layerNorm_kernel(X: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor):  # noqa: N802
    """The original script's entry point: LayerNorm over the last dim of a 2-D ``X``, eps 1e-5.

    Kept for people coming from that script; new code should call :func:`layer_norm`.
    """
    if not isinstance(X, torch.Tensor):
        raise TypeError(f"triton_layerNorm_kernel: X must be a Tensor, got {type(X).__name__}")
    if X.dim() != 2:
        raise ValueError(f"triton_layerNorm_kernel: X must be 2-D, got shape {tuple(X.shape)}")
    return layer_norm(X, (X.shape[1],), weight, bias, 1e-5)
