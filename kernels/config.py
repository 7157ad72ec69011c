"""Launch configuration: the one place where block sizes, warps and grids are chosen.

A configuration depends only on (N, dtype, GPU family) — never on the data — and is computed once
per key (``functools.cache``), so the per-call host cost is a dictionary lookup; only its row tile
shrinks, at launch, when there are too few rows to give every SM a whole one, or (forward) a
few (``fit_forward_tile``, ``fit_backward_tile``). There is no
autotuning at run time: general rules (below) plus, per GPU family, the measured exceptions in
``OVERRIDES``, all from launch-config sweeps (``python -m kernels.bench.sweep_configs``;
docs/performance.md keeps the measurements and the dead ends).

Forward: a program normalizes ``block_m`` rows. When the padded row (``block_n`` columns) fits,
``num_chunks == 1`` and a row is read once into registers. Wider fp32 rows are split over
``splits`` programs (a group, as in the backward below), each holding one slice and swapping its
slice statistics with the group. Other wide rows (and, per GPU family, 16-bit rows that would
leave much of their block masked off: ``FWD_STREAM_PADDED_ROWS``) are streamed in ``num_chunks``
chunks twice: statistics on the first pass, normalize-and-store on the second, last chunk first
(the most recently read, so the likeliest to still be in L2). Per GPU family, rows that equal
chunks tile exactly, among those that would be padded (``FWD_STREAM_EXACT_CHUNKS``), fill their
block (``FWD_STREAM_FULL_BLOCKS``), nearly fill it (``FWD_STREAM_NEARLY_FULL``) or are wider
than one block (``FWD_STREAM_WIDE_ROWS``), are
streamed in those chunks instead, with per-lane statistics and pass 2 in order
(``ExactChunkStreaming``); some of those load pass 2's next chunk before they store the
current one (``FWD_PASS2_AHEAD``). And, per GPU family, some wide 16-bit rows are split over a
group whose programs store each row tile's y one round late (``FWD_LAGGED_SLICES``).

Backward: a persistent grid of ``programs_per_sm`` programs per SM; each program (or group)
walks its share of the row tiles, strided over the grid (``strided``: tiles g, g + groups, ...)
or as one contiguous run, writes dx and sums dweight/dbias over its rows in fp32 registers (one
partial row per program). A row up to ``BWD_MAX_TAIL`` columns wider than ``BWD_MAX_BLOCK``
stays whole, as two blocks (``tail_n``); a wider one is split over ``splits`` programs (a group),
each holding one slice of the row in registers (per GPU family, ``BWD_TWO_SLICE_TAILS``: two
slices of a block and a tail each), so x and dy are read once; the group swaps or
recomputes its row sums (see ``kernels.layernorm._bwd_kernel``). A small kernel
adds the partial rows in a fixed order: no atomics on data, bitwise reproducible.

On sm_90 and newer the launches are programmatic dependent launches of the kernel before them in
the stream (``DEPENDENT_LAUNCHES``), but cooperative ones and the forward's split rows."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, replace
from typing import NamedTuple

import torch
import triton

# ---- rules (measured on an H100; docs/performance.md has the sweeps) ----
# Narrowest block: keeps degenerate (N x 1) tiles out of the compiler.
MIN_BLOCK_N = 16
# Widest padded row kept whole in registers, by element size. At N = 65536 the whole row spills:
# fp32 52% of copy whole against 65% streamed (bench run), bf16 54% against 64%.
FWD_MAX_BLOCK = {4: 32768, 2: 32768}
# Backward keeps x, dy and two fp32 accumulators per element: past 8192 they spill, so rows wider
# than BWD_MAX_BLOCK + BWD_MAX_TAIL (below) are split over several programs (a group), each
# holding a slice of BWD_MAX_BLOCK columns (narrower where that pads less, _blocking), at most
# BWD_MAX_SPLITS programs a group, in tiles of BWD_SPLIT_TILE_ELEMS elements. Since the exchange
# has no counter or fence (log entry 43), fp32 too: 16384 in 2 slices of 8192 92% of copy
# against 76% in 4 of 4096 (H200, probe 64); with the counter, 4096-wide slices had won (H100,
# sweeps 9-12: 85-87% at N = 12288-16384 against 71-82%); 16-bit 8192-wide slices 70-71% at
# 16384-32768 against 66-67% for 4096-wide;
# groups of 16 (fp32 N = 65536, 4096-wide) 42% against 71% for groups of 8. Groups of 4: since
# 8192-wide slices are pipelined (below), fp32 32768 in 4 slices of 8192 reached 89% of copy
# against 84-85% in 8 of 4096 (three H100 VMs, log entry 29). The narrower slices that rows
# between powers of two take to pad less keep to BWD_MAX_SPLITS too (_blocking): before,
# 13312-14336 went in 7 slices of 2048, 8704 (fp32) in 9 of 1024, 28672 in 7 of 4096, 6-20 points
# of copy below 2-4 slices (H200, probe 20, log entry 31); groups of 5 did 1.5-2.5 points better
# than the capped ones (fp32 18432-20480; also 16-bit 8704-10240, which are now whole rows in two
# blocks).
BWD_MAX_BLOCK = {4: 8192, 2: 8192}
# Rows up to BWD_MAX_TAIL columns wider than BWD_MAX_BLOCK stay whole, in one program: a
# BWD_MAX_BLOCK-wide block plus a second, tail block (BackwardConfig.tail_n), at least
# BWD_MIN_TAIL wide, with every weight loaded per row (registers are full). H200, probe 23 (log
# entry 32): 16-bit 10240-12288 79-85% of copy against 45-49% split in 3 slices, fp32 8704 85%
# against 60%, fp32 12288 84% (two load stages: three do not fit shared memory) against 73%.
# Narrower tails load 4 or 8 bytes per thread instead of 16: bf16 8704 with a 512-wide tail 64%,
# with a 2048-wide one 78% (probe 24).
BWD_MAX_TAIL = 4096
BWD_MIN_TAIL = {4: 1024, 2: 2048}
# Per GPU family, by element size: rows wider than two BWD_MAX_BLOCK blocks, up to this many
# columns, are split into two slices of a block and a tail each (the tail as above), swapping
# their row sums, instead of three slices of one block. H200, probe 30 (log entry 35): 16-bit
# 18432 50% of copy against 45%, 20480 55-57.5% against 49%; 24576 (4096-wide tails) the same as
# 3 slices; with two load stages (what fp64 weights leave room for) 41-46%. fp32 (probes 36-37,
# log entry 36), 1024-wide tails: 16400 66% against 59%, 16896 69.5 against 64.7, 17408 70
# against 65, 18432 72 against 68; 2048-wide tails (past 18432) need more shared memory than the
# H200 has for three load stages, and with two lost (probe 30: 20480 63 against 71%). With the
# fence-free exchange (probe 67, log entry 44) 3 contiguous slices won from 16896 on (83 against
# 79% of copy at 16896-17408, 86 against 81 at 18432) and lost by 0.9 points at 16400: the bound
# is the linear estimate of the crossing.
BWD_TWO_SLICE_TAILS = {"H200": {2: 20480, 4: 16512}}
# Tail rows whose three load stages do not fit shared memory (fp32 past 9216 columns on the H100
# and H200) take two.
BWD_TAIL_MIN_STAGES = 2
BWD_MAX_SPLITS = 4
BWD_SPLIT_TILE_ELEMS = 8192
# Wider fp32 rows are split over a group of programs, each holding a slice of FWD_SLICE columns
# in registers (widened to keep a group to FWD_MAX_SPLITS programs), in tiles of
# FWD_SPLIT_TILE_ELEMS elements, so x is read once. H100, sweep 17: N = 65536 87% of copy
# (8192-wide slices, 2-row tiles) against 75% streamed, 40000 87% against 79%, 131072 83%
# against 70%; 1-row tiles 65%. 16-bit rows, and fp32 rows whose slices would be wider than
# FWD_MAX_BLOCK, are streamed: a 16-bit 65536 row (128 KB) stays in L2 between the two passes,
# 85% streamed against 70% split.
FWD_SLICE = {4: 8192}
FWD_MAX_SPLITS = 8
FWD_SPLIT_TILE_ELEMS = 16384
# Per GPU family and element size, (a, b]: rows of more than a and at most b columns that would
# leave a quarter or more of their whole-row block masked off, and that no exact-chunk rule
# streams, are split in FWD_SLICE slices too. H200, probe 167 (log entry 89), fp32, µs at
# M = 4096, the masked 32768-wide block (one 32-warp program a SM) -> 3 slices of 8192 in 2-row
# tiles of 8 warps: 17408 195.0-195.1 -> 182.2-183.1 (72 -> 77% of copy; torch.compile 189.2),
# 19456 206.6 -> 192.7, 21504 218.6-219.0 -> 208.9-209.2, 23552 230.7 -> 224.6. Past 24576 (4
# slices) they tied or lost (25600 tie, 30720 1.02x the time), 16384-wide slices of 16 warps
# took 1.8-3.4% less there (not taken: one VM) and more at 17408-19456; 1-row tiles took
# 1.06-1.23x the time everywhere. Measured on one VM, twice, without the streaming stores that
# rows over 32 KB take (FWD_STREAMING_STORE_ROW_BYTES; on split rows within 0.6%, entry 85).
FWD_SPLIT_PADDED_ROWS = {"H200": {4: (16384, 24576)}}
# Streamed rows: chunk width and warps. Forward: 64 KB chunks with 32 warps, last chunk first
# on the second pass; at N = 65536 fp32 74% and 16-bit 85% of copy against 65% for 4096-wide
# chunks with 8 warps (H100, sweeps 6, 8); 16-bit 72% with 32768-wide chunks against 61% with
# 16384 (H200, sweep 7).
FWD_CHUNK_BYTES, FWD_CHUNK_WARPS = 65536, 32


class PaddedRowStreaming(NamedTuple):
    """16-bit rows that would leave at least a quarter of a whole-row block (min_block wide or
    wider) masked off are streamed in ``chunk``-wide chunks with ``num_warps`` warps instead
    (where ExactChunkStreaming does not take them)."""

    min_block: int
    chunk: int
    num_warps: int


class ExactChunkStreaming(NamedTuple):
    """Rows of more than ``min_width`` and at most ``max_width`` columns that at most
    ``max_chunks[size]`` equal chunks of a power of two from ``min_chunk`` to ``max_chunk``
    columns tile exactly (the widest such chunk that makes at least ``min_chunks``) are
    streamed in those chunks with per-lane statistics, L2 hints and pass 2 in order
    (ForwardConfig.lane_stats, l2_hints, in_order, count_once). No chunk is masked, so the
    compiler can hoist the first pass's loads (FULL_TILES). Warps by element size:
    ``num_warps[size]`` is (rows of at most ``wide_row`` columns, wider rows), or more where a
    thread would load more than FWD_STREAM_THREAD_BYTES of a chunk. Their lanes are equal
    (ForwardConfig.equal_lanes, measured above FWD_STREAM_WIDE_ROWS) where pass 1 is one load
    (a power of two of chunks, or padded, below), and, with ``loop_lanes``, also where it loops
    over the chunks. ``max_padding[size]``: pass 1's one load may be padded with up to this
    many chunks to a power of two (ForwardConfig.padded_load) where each thread's share of a
    chunk is exactly one FWD_STREAM_THREAD_BYTES vector (measured: FWD_STREAM_EXACT_CHUNKS,
    FWD_STREAM_WIDE_ROWS). ``max_registers``: the
    register cap (ForwardConfig.max_registers) of the rule's MAX_WARPS-warp programs, 0 for
    none. Which rows a rule is offered: see its table below."""

    min_width: int
    max_width: int
    min_chunk: int
    max_chunk: int
    max_chunks: dict[int, int]
    num_warps: dict[int, tuple[int, int]]
    wide_row: int
    min_chunks: int = 1
    loop_lanes: bool = True
    max_registers: int = 0
    max_padding: dict[int, int] | None = None


# Per GPU family. H200, probes 27-28 (log entry 33), % of copy against the masked block: bf16
# 18432-20480 70-72% against 55-59%, fp16 20480 73% against 61-62%, bf16 9216-11264 72-79%
# against 65-73%, 12288 and 24576 +2 to +3 points; rows padded by less lost (13312 73% against
# 82%, 26624 66% against 70%), and so did 5120-6144 (8192-wide blocks, 1-4 points).
FWD_STREAM_PADDED_ROWS = {"H200": PaddedRowStreaming(16384, 4096, 8)}
# Per GPU family, for rows that would leave at least a quarter of their whole-row block masked
# off. H200, probes 33-34 (log entry 34), % of copy against fb24ef7's configs (the masked block,
# or the streaming above): bf16 9216 90 against 73, 10240 83 against 72, 12288 86 against 78.5,
# 18432 83 against 70, 22528 80 against 67, fp16 24576 83 against 69, fp32 10240 90 against 85,
# 18432 90 against 82. Rows past 16384 in 2048-wide chunks ran best with more warps (bf16 18432:
# 16 warps 83%, 8 warps 78%; fp32 18432: 32 warps 90%, 16 warps 79%), in 4096-wide ones with
# fewer (probe 35: bf16 20480 8 warps 82.6% against 81.1%, fp32 20480 16 warps 91% against 85%;
# fp32 24576 the exception, 85 against 88). Pass 2 in order: +0.5 to +4 points at 18432-24576
# and fp32 10240, within noise elsewhere (probe 35). Masked chunks lost (bf16 10000: 57 against
# 75), so did rows padded by less than a quarter (bf16 15360, 15 chunks of 1024: 78 against 88;
# fp32 28672: 82 against 87) and fp32 rows of 11 chunks (11264: 80-86 against 85; counted once,
# probe 43: 90 against 85.5, 22528 87 against 83.5). Warps with the lanes counted once (probes
# 41-42, log entry 37): see FWD_STREAM_THREAD_BYTES.
# Pass 1 in one load padded to a power of two of chunks (max_padding), H200, probes 92 and 93
# (log entry 48), % of copy against the loop, statistics stored / not: bf16 10240 (5 of 2048)
# 93.9 / 90.8 -> 96.1 / 96.3 (fp16 91.1 / 90.7 -> 96.0 / 96.2), fp16 20480 (5 of 4096) 91.4 /
# 89.3 -> 96.0 / 96.3 (bf16 93.1 / 89.2 -> 96.1 / 96.3), bf16 24576 (6 of 4096) 87.2 / 87.7 ->
# 95.1 / 95.4 (fp16 87.5 / 87.3 -> 95.3 / 95.4); 12288 and 6144 (3 chunks, padded to 4) ties.
# Lost: where a thread holds less than a 16-byte vector of a chunk (bf16 5120, 5 of 1024 with 8
# warps: 99 -> 29%; the tile's layout then spreads warps over the chunks, so the lanes' sums
# cross warps through shared memory), padded to 16 (bf16 11264, fp16 18432: 90-91 -> 35-46%; 64
# registers), and in fp32 (11264 89 -> 81, 24576 92 -> 85: 42 registers at 32 warps, one
# program a SM instead of two).
# wide_row 10240 (was 16384): of the rows this rule takes only 11264 (11 chunks of 1024) lies
# between, and it ran faster with the wider rows' warps. H200, probes 134-136 (log entry 70),
# µs: fp32 with 32 warps 101.3-102.3 against 103.2-103.9 with 16 (three runs, two VMs), bf16 16
# warps 58.9-59.1 against 59.3-59.4 with 8, fp16 58.1-58.3 against 58.7-58.9. (9216, below it,
# lost with twice the warps: fp32 -0.6 to -1%, bf16 -2.5%, fp16 -0.7%.)
FWD_STREAM_EXACT_CHUNKS = {
    "H200": ExactChunkStreaming(
        4096,
        32768,
        1024,
        4096,
        {2: 12, 4: 11},
        {2: (8, 16), 4: (16, 32)},
        10240,
        max_padding={2: 3},
    )
}
# Per GPU family and element size, for rows wider than FWD_MAX_BLOCK (fp32: split over a group;
# 16-bit: streamed in FWD_CHUNK_BYTES chunks). H200, probes 36-38 (log entry 36), % of copy:
# fp32 40960 86 against 74 (split; 8192-wide chunks), 49152 85 against 75, 65536 83-84 against
# 72 (16384-wide); 98304 and 131072 the same or worse (81920 not measured: left out). 16-bit,
# 8192-wide chunks with 16 warps: 40960 80 against 62-64 (64 KB chunks), 49152 81 against 62.5,
# 57344 69 against 60; 65536 (8 chunks) 66-72 against 75-77.5. With the lanes counted once and
# 32 warps (probes 41-42, log entry 37): 40960 90-91 against 80, 49152 85-87 against 81-83.5,
# 57344 bf16 63.5 against 68.5 but fp16 76.5 against 73, 65536 76-79.5 against 75-78 (2 chunks),
# 73728 61.5-63.5 against 56-56.5 (probe 43). fp32 57344 in 7 chunks of 8192: 84 against 71
# (split); 81920 in 5 of 16384 68 against 75 (split): left out.
# ForwardConfig.equal_lanes, H200, probe 81 (log entry 46), % of copy, triples -> plain sums:
# bf16 8192 89.0 -> 93.9, 16384 91.8 -> 95.5, 32768 86.5 -> 93.0 (three runs), 12288 95.3 ->
# 96.6, 5120 98 -> 100.6, 11264 86.7 -> 88.2; fp16 8192 95.0 -> 96.6, 16384 94.3 -> 96.3,
# 32768 92 -> 91.7 (a tie, two runs); fp32 12288 96.2 -> 98.0, 16384 96.1 -> 97.0; the rest
# within 1 point (bf16 6144-24576, fp32 5120-24576). In FWD_STREAM_WIDE_ROWS' rows ptxas's
# schedule, and with it the speed, swings by variant: fp16 40960-49152 lost 20-25 points
# (one 1024-thread program a SM: 38 registers), bf16 57344 and 73728 gained 2.5-6.5; and fp32 rows
# that carry their counts lost 8-13 (40960, 65536). They keep the triples where pass 1 loops
# (loop_lanes=False: fp16 40960 91 -> 67% with the loop, probe 91), but with pass 1 in one load
# (65536: 8 chunks, 4 in fp32) equal lanes won: bf16 79.1-80.1 -> 81.8-82.0, fp16 79.1-79.6 ->
# 81.1-81.3, fp32 83.8-84.0 -> 84.7-84.8 (probe 91, log entry 48). Padded to 8 chunks (probe 93,
# against the triples' loop): 57344 (7 chunks) bf16 77.4 -> 82.2, fp16 76.6 -> 80.7; 40960 (5)
# 92.5 -> 84.9, 49152 (6) bf16 87.8 -> 82.6: so one chunk of padding at most.
FWD_STREAM_WIDE_ROWS = {
    "H200": {
        4: ExactChunkStreaming(
            32768, 65536, 8192, 16384, {4: 7}, {4: (32, 32)}, 0, loop_lanes=False
        ),
        2: ExactChunkStreaming(
            32768,
            73728,
            8192,
            8192,
            {2: 9},
            {2: (32, 32)},
            0,
            loop_lanes=False,
            max_padding={2: 1},
        ),
    }
}


class Pass2Ahead(NamedTuple):
    """Rows of min_width < N <= max_width columns that an ExactChunkStreaming rule streams in
    chunks min_chunk to max_chunk wide take ForwardConfig.pass2_ahead."""

    min_width: int
    max_width: int
    min_chunk: int
    max_chunk: int


# Per GPU family and element size. H200, probe 132 (log entry 68), µs with pass 2 one chunk
# ahead against the rule: fp32 5120 (5 x 1024) 48.1-48.3 against 48.7-48.8, 10240 (5 x 2048)
# 86.9-87.1 against 90.7-90.8, 11264 (11 x 1024) 103.7-103.8 against 104.7-104.9, 6144 (3 x
# 2048) a tie, 9216 (9 x 1024) 0.7% behind; 16-bit in 8192-wide chunks: 57344 bf16 268.6-269.0
# against 275.3-276.1, 65536 bf16 295.8-296.3 against 316.6-317.0 (fp16 296.5-297.1 against
# 318.7-319.4), 73728 bf16 369.9-371.2 against 459.7-460.9. Lost: fp32 4096-wide chunks with 32
# warps (16384 -13%, 20480 -5.5%, 24576 -11%), fp32 65536 (16384-wide) -30%, 16-bit 40960 and
# 49152 (5-6 chunks of 8192) -9% and -18%, 16-bit 16384 -1.4 to -4%, bf16 32768 -5%; 16-bit
# 5120-24576 in 1024-4096-wide chunks within -0.5 to +2% (left out).
FWD_PASS2_AHEAD = {
    "H200": {4: Pass2Ahead(4096, 12288, 1024, 2048), 2: Pass2Ahead(49152, 73728, 8192, 8192)}
}


class LaggedSlices(NamedTuple):
    """Rows of min_width < N <= max_width columns split over a group of ``block_n``-wide
    slices, 1-row tiles with ``num_warps`` warps, each tile's y stored a round late
    (ForwardConfig.lag). FWD_LAGGED_SLICES holds a tuple of them per element size."""

    min_width: int
    max_width: int
    block_n: int
    num_warps: int


# Per GPU family and element size. H200, 16-bit, probes 76 and 78 (log entry 45), % of copy
# against the streamed rule (32768-wide chunks, or 7 of 16384 at 114688), bf16/fp16: 114688 (7
# slices) 72.4/73.7 against 59.7, 131072 (8) 73.0/74.7 against 67.3/67.7 (call 3 sweep: 73.2/74.6
# against 67.9/68.1), 245760 (15) bf16 63.5 against 58.8, 262144 (16) 68.7/69.9 against 63
# (twice); 16 warps 1-4 points behind 8 at 7-8 slices, 14 at 16. Left out: 81920 (5) bf16 65.7
# against 63.0 (one point), 90112-98304 (6) a tie, 147456-229376 (9-14) 1-12 points behind.
FWD_LAGGED_SLICES = {
    "H200": {2: (LaggedSlices(98304, 131072, 16384, 8), LaggedSlices(229376, 262144, 16384, 8))}
}
# Per GPU family and element size, for rows that fill their whole-row block (powers of two): in
# four chunks. H200, probe 44 (log entry 37), % of copy against the whole row in registers:
# 16-bit 8192 93.5-94.5 against 92-92.5, 16384 94-95 against 90.5, 32768 90-92 against 81-82.5;
# fp32 8192 97 against 94, 16384 96.5 against 95. Lost or tied: 2048 and 4096 (all dtypes; 2 or 4
# chunks of 1024-2048, -1 to -20 points), fp32 32768 (8192-wide chunks, counts carried: 84
# against 94), and 2 or 8 chunks at 8192-32768 (-1 to -21 points). With equal lanes (entry 46)
# fp32 32768 in chunks still lost: 74-84% against 91.5 (probe 85, 2-8 chunks, 16-32 warps).
# 16-bit 32768 (32 warps) capped at 32 registers: fp16 with the statistics stored compiles to
# 46 without the cap, one 1024-thread program a SM instead of two: 81% of copy against 91.7%
# capped (no spills; bf16, and fp16 without statistics, compile to 32 either way; probe 86, log
# entry 47).
# Those were timed under the zeroing flush, which left part of x in L2 for the streamed first
# pass's `evict_last` loads (entry 61). Under flush_l2 (probes 122-123, log entry 62), 8192 is
# a whole row again, 8 warps: on two VMs bf16 39.6 / 39.1-39.3 us against the chunks' 41.3-41.4
# / 41.1, fp16 39.6 / 39.6 against 40.5-40.8 / 40.5-40.6, fp32 72.0-72.2 / 71.6-71.7 against
# 73.2-73.3 / 72.1-73.0 (torch.compile 72.9-73.1 / 71.9-72.0); ties on two more. 16384 whole
# ties in bf16 and fp32, fp16 1.5-3% behind: still chunks.
FWD_STREAM_FULL_BLOCKS = {
    "H200": {
        2: ExactChunkStreaming(
            8192, 32768, 2048, 8192, {2: 4}, {2: (8, 16)}, 16384, 4, max_registers=32
        ),
        4: ExactChunkStreaming(8192, 16384, 2048, 4096, {4: 4}, {4: (16, 32)}, 16384, 4),
    }
}
# Per GPU family and element size, for rows that fill three quarters or more of their block but
# not all of it (neither table above takes them). H200, probes 164-165 (log entry 88), µs at
# M = 4096, the masked whole row -> these chunks (% of copy): 16-bit 28672 (7 of 4096) 158-160
# -> 124-125 (72 -> 92.5%; torch.compile 149-152), 26624 (13 of 2048) 154-155 -> 127-128 (69
# -> 84%), 30720 (15 of 2048) 163-165 -> 147 (75 -> 83.5%; 77% with 16 warps), 14336 (7 of
# 2048) 70.2-70.7 -> 65.9 (86 -> 92%; 8 warps 68.7-68.9); fp32 28672 (7 of 4096) 268 -> 250-251
# (85 -> 90%, two VMs). Slower (the best streamed variant's time over the whole row's) or tied:
# chunks of 1024 (16-bit 15360 1.07-1.08x, 29696 1.08x, 31744 1.20x, 13312 and 27648 tied; fp32
# 13312 1.06x, 15360 1.08x, 29696 1.51x), but for 16-bit 25600 (25 of 1024: 0.87x, left out);
# fp32 in 2048-wide chunks (14336 1.03x, 26624 1.12x, 30720 1.20x).
FWD_STREAM_NEARLY_FULL = {
    "H200": {
        2: ExactChunkStreaming(12288, 32768, 2048, 4096, {2: 15}, {2: (16, 32)}, 16384),
        4: ExactChunkStreaming(24576, 32768, 4096, 4096, {4: 7}, {4: (32, 32)}, 16384),
    }
}
# Exact-chunk streaming gives each thread at most this many bytes of a chunk (one 128-bit load),
# warps permitting (MAX_WARPS), and then counts its lanes once (ForwardConfig.count_once);
# otherwise (fp32 chunks of 8192 or more) it carries the counts. H200, probes 39-42 (log entry
# 37), % of copy, counted once against carried: bf16 5120-12288 +8 to +11 (fp16 +4 to +8), 16-bit
# 18432-22528 +5 to +6, fp32 5120-18432 +2 to +4; with more warps to keep to 16 B, 16-bit
# 6144 +8, 12288 +9, 20480 +7 to +8, 24576 +1 to +3, fp32 20480-24576 +4 to +6. Fewer warps
# than the table's (larger loads, one per chunk) lost 3-12 points; fp32 12288 ran 2 points
# faster with 16 warps (32 B a thread) than with 32. Carried, fp32 8192-wide chunks beat
# counted-once 4096-wide ones by 19 points (40960-65536).
FWD_STREAM_THREAD_BYTES = 16
# Short rows are packed block_m to a program (forward) or to a loop iteration (backward) so a
# tile has this many elements. Backward by element size: a 16-bit tile of 8192 elements (8 warps)
# beat 4096 at N = 1024-4096 by 7-9 points of copy (sweep 5), fp32 did best at 4096.
FWD_TILE_ELEMS = 4096
BWD_TILE_ELEMS = {4: 4096, 2: 8192}
# Whole rows of these widths load weight and bias together with x (ForwardConfig.params_first)
# instead of after the reductions, where their latency adds to the call's: at 2048 +1.5 to +3.5
# points of copy (all dtypes), at 4096 within noise (H100, log entry 29). Elsewhere it did not
# pay: 256-1024 within +-2 points but fp32 1024 -4%; 16-bit 8192 and 16384 -7 and -20 points
# (registers 128 -> 204 at bf16 16384); 32768 spills (fp32: 608 bytes, sm_90 compile).
FWD_PARAMS_FIRST_WIDTHS = (2048, 4096)
# Forward warps for whole rows: packed short rows get a warp per row, 4 to 16 (N = 256: 16
# warps 113-135% of copy against 105-120% with 4, H100 and H200); 8 up to 16384 columns, 32
# above. Measured (harness timer): fp16/bf16 at N = 16384 96% of copy with 8 warps, 75% with 16;
# at 8192 96% with 8, 86-88% with 16; fp32 at 32768 97% with 32 warps, 88% (spilling) with 16.
FWD_SHORT_ROW_WARPS, FWD_SHORT_ROW_MAX_WARPS = 4, 16
# Forward tiles cut for few rows (fit_forward_tile): at least 2 KB unless M has fewer rows
# (smaller ones lost: bf16 256 at M = 128, 1 row 4.96-5.12 us against 4.64-4.83 with 4 rows and
# 4.67-4.86 with the table's 16; at M = 1 a 1-row tile won, 4.54 against 4.67 us). Below
# FWD_TABLE_ROWS, the rows of FWD_FIT_PROGRAMS_PER_SM programs a SM (probe 57 B, M = 256-3072,
# N = 256-2048: 2-12% less time than the table's tile where they differ, e.g. fp32 1024 at
# M = 512 6.34 against 7.10 us; bf16 256 2% more, 5.18 against 5.09 at M = 512); from there on,
# where the tables were measured, a program a SM (bf16 256 at M = 4096: the table's 16 rows
# 5.79-5.98 us, 8 rows 5.86-6.02). Warps: 4 once the grid has a program for every SM (4 beat 8 at
# 2-4 rows, probe 56 B), else a warp per 512 bytes (16 a thread: fp32 1024 in 1 row 4.86-5.09 us
# with 8 warps, 5.31-5.50 with 4), 4 to 8. H200, probes 53 F, 54, 56 B, 57 B (log entries 41, 42).
FWD_FIT_MIN_TILE_BYTES, FWD_FIT_WARP_BYTES, FWD_FIT_MAX_WARPS = 2048, 512, 8
FWD_FIT_PROGRAMS_PER_SM, FWD_TABLE_ROWS = 4, 4096
# Forward tiles for many rows (fit_forward_tile, from FWD_MANY_ROWS rows on), by (element size,
# block_n) of the table's whole-row tile: fp32 4096 in 2 rows of 16 warps (each program's weight
# and bias serve two rows) took 1.3-1.4% less time than the table's 1 row of 8 warps at
# M = 16384 and 1.5-1.8% at 65536 (two VMs), 0.5-0.6% at 8192 (within the noise), and 0.8% more
# at 4096; 2 rows of 8 warps and 1 of 16 no better; fp32 8192 in 2 rows of 16 warps +5-6%, fp32
# 1024 in 16-32 rows +1-28% (H200, probes 153-154, log entry 82; unmeasured on an H100).
FWD_MANY_ROWS = 16384
FWD_MANY_ROWS_TILES = {(4, 4096): (2, 16)}  # fp32 2049-4095 too (the same block), unmeasured
# Rows wider than this many bytes store y as streaming stores (ForwardConfig.streaming_store), per
# GPU family. H200, M = 4096, probe 159 on two VMs (log entry 85), side by side with plain stores:
# streamed rows, whose pass 2 reads x again from L2, +0.6-0.7% at fp32 12288, +1.2-1.3% 16384,
# +2.8-3.1% 24576, +2.7% 65536 (84 -> 86-87% of copy); 16-bit +1.0-1.2% at 24576, +2.5-3.0% at
# 32768, +0.4-0.6% at 65536; fp32 32768 (whole) +0.9-1.0%; split rows (131072) -0.2 to +0.6%;
# rows of 32 KB or less -0.7 to +0.8% (fp32 8192 -0.2%, -0.5% at 65536 rows). Unmeasured on an
# H100.
FWD_STREAMING_STORE_ROW_BYTES = {"H200": 32768}
FWD_LONG_ROW_WARPS = 8
FWD_WIDE_ROW_WARPS = 32
FWD_WIDE_ROW = 32768
MAX_WARPS = 32
# Backward warps: 8 for whole rows (fp32 at 8192: 75-81% of copy against 72-77% with 16, H100
# and H200; within noise of the best elsewhere), also for split rows, except 16-bit 4096-wide
# slices (N = 12288: 63% of copy with 16 warps against 58% with 8; sweeps 10, 12).
BWD_WARPS = 8
BWD_SPLIT_WARPS = {(2, 4096): 16}
# Backward: one persistent program per SM, loading ahead of its compute, won at every whole-row N.
BWD_PROGRAMS_PER_SM = 1
# Whole rows: the row loop's loads are software-pipelined through shared memory, 2 tiles ahead
# (load_stages 3) instead of one tile prefetched into registers: +3 to +4 points of copy at
# 16-bit 4096 and fp32 8192, within noise elsewhere; 2 stages lost 10-20 points, 4 were no
# better than 3 (H100, log entry 27). Split rows are pipelined the same way (their exchange then
# waiting in inline asm, see kernels.layernorm._await_slots) in 8192-wide slices: fp32 65536
# 76 -> 91% of copy, 16-bit 65536 67 -> 70%, 16-bit 16384-32768 within noise; 4096-wide slices
# keep the register prefetch (pipelined: fp32 32768 84 -> 78%, 16-bit 12288 63 -> 59%; log
# entry 28).
BWD_LOAD_STAGES = 3
# A group's row tiles strided over the grid (BackwardConfig.strided), for whole rows and groups
# of up to this many slices, by element size: the bare 2-read-1-write row loop +1.5-3 points of
# copy at 1024-8192; our backward +0.5-7 (bf16 2048 80 -> 83-87%, fp32 1024 78 -> 82-85%, bf16
# 12288 80 -> 84%), H200, probe 52 (log entry 41). Split rows with the fence-free exchange
# (probes 64-66, log entry 43): fp32 16384 in 2 slices 83 -> 92%, 14336-15360 +3-9 points
# (12800-13312 -0.5 to -1), 24576 (3) 89 -> 91%, 32768 (4) 90 -> 92%, 8 slices not measured;
# 16-bit lost at 2-8 slices (bf16 16384 74 -> 67%, 32768 74 -> 68%, 65536 64 -> 51%). Not
# measured on an H100. Split rows walk strided only if their last slice is at most
# BWD_STRIDED_MAX_PADDING empty: fp32 rows with a mostly empty last slice lost strided (probes
# 65-67: 12800-13312 by 0.5-1 point, 16896-18432 in 3 slices by 3.8-5.3), 8 slices by 8.6
# (65536, probe 67).
BWD_STRIDED_MAX_SPLITS = {4: 4, 2: 1}
BWD_STRIDED_MAX_PADDING = 0.25
# Groups of at least this many slices, by element size, finish each row tile one iteration late
# (BackwardConfig.lag) and walk strided (when their last slice is full enough, as above). H200,
# probe 68 (log entry 44), % of copy: bf16 24576 72.5 -> 74.4, 32768 73.3 -> 76.1, fp16 32768
# 73.7 -> 77.2, bf16 65536 64.0 -> 72.3; lag contiguous 1-1.5 points under the rule at 3-4
# slices, +5 at 8; two slices lost 1-2 points either way (bf16 13312-16384). fp32 lost 6-12
# (the held tile spills: 255 registers and 80 bytes of stack in an offline sm_90 compile).
BWD_LAG_MIN_SPLITS = {2: 3}
BWD_PIPELINED_SLICE = 8192
# Pipelined loads keep load_stages - 1 tiles of x and dy in shared memory, plus a little
# (PIPELINE_SMEM_SLACK) for mean, rstd and reductions: 128 KB for fp32 8192-wide tiles. On a GPU
# with less shared memory per block than that (e.g. ~100 KB on sm_89), the register prefetch is
# used instead. DEFAULT_SHARED_MEMORY is the H100's and H200's per-block maximum (Triton's
# max_shared_mem), assumed where no GPU is asked (the interpreter, tests).
PIPELINE_SMEM_SLACK = 4096
DEFAULT_SHARED_MEMORY = 232448
# The backward's (2, groups, N) fp32 partial rows are summed over the groups by column blocks of
# at most PARTIAL_SUM_MAX_BLOCK columns, one program each, narrower (down to
# PARTIAL_SUM_MIN_BLOCK) until every SM has a block: at N = 4096 that launch took 1-1.5 us less
# than with 256-wide blocks (16 programs), within noise elsewhere (H100, performance log entry 25).
# A program loads up to PARTIAL_SUM_MAX_ROWS partial rows at once (all of them at 132 groups and
# fewer, in one or two loads instead of a loop of dependent ones): whole rows +1 to +3 points of
# copy at N = 1024-8192 against 32 rows a load (log entry 27).
PARTIAL_SUM_MIN_BLOCK, PARTIAL_SUM_MAX_BLOCK = 32, 256
PARTIAL_SUM_MAX_ROWS, PARTIAL_SUM_WARPS = 128, 4
# Programmatic dependent launches (PDL, sm_90 and newer): each kernel (not a cooperative launch,
# not the forward's split rows, which on a GPU launch cooperatively) is launched so that the GPU
# sets it up while the kernel before it in the stream finishes, and its programs wait for that
# kernel to end (griddepcontrol.wait) before any load or store. No kernel lets its successor start
# early (an explicit trigger). H200, log entries 79-80: the backward's partial-row sum after the
# rows kernel 0.3-2.7 us less a backward at every width of the sweep (probes 147-149; % of copy at
# M = 4096: bf16 4096 74-77 -> 79-80, 16-bit 8192 83 -> 85-86, fp32 4096 86 -> 88.5-89; the rows
# kernel's trigger after its row loop the same within the noise, at its start worse, as on the
# H100 in entry 27); the forward and the rows kernel right after another kernel 0.2-1.9 us less
# (probe 150; nothing in the harness's own timing, whose start event between the two kernels keeps
# them apart). Not measured on an H100.
DEPENDENT_LAUNCHES = True
# Programs the Triton interpreter (CPU) pretends to have per "device": few, since each costs ~1 ms.
INTERPRETER_SM_COUNT = 4

# Test-only switch for the regression gate's power proof (docs/ci.md): a fraction f > 0 makes every
# forward and backward call copy an extra f of its input rows, i.e. a known slowdown. Read once.
TEST_SLOWDOWN = float(os.environ.get("KERNELS_TEST_SLOWDOWN", "0") or 0)


@dataclass(frozen=True)
class ForwardConfig:
    block_n: int  # columns per chunk or slice (a power of two)
    num_chunks: int  # 1: the whole row (or slice) in registers
    block_m: int  # rows per program (splits > 1: per loop iteration)
    num_warps: int
    splits: int = 1  # programs sharing a row (a group; one program per SM, rows read once)
    exchange: bool = True  # splits > 1: as BackwardConfig.exchange
    lag: bool = False  # splits > 1: as BackwardConfig.lag (each row tile's y stored a round late)
    params_first: bool = False  # weight and bias loaded with x (FWD_PARAMS_FIRST_WIDTHS)
    # Streamed rows (num_chunks > 1): pass 1 keeps Welford statistics per lane, merged once per
    # row, instead of two block-wide reductions (each a barrier) per chunk; and L2 hints: pass 1
    # loads x evict_last (kept for pass 2), pass 2 evict_first. See ExactChunkStreaming.
    lane_stats: bool = False
    l2_hints: bool = False
    in_order: bool = False  # streamed rows: pass 2 re-reads the chunks first to last
    # lane_stats only: each lane's column count computed once after pass 1 (a constant for
    # exactly tiling chunks) instead of counted through it. Saves a layout change of the counts
    # through shared memory (and its barriers) per row, but ptxas then keeps fewer of pass 1's
    # loads in flight where a thread loads much of each chunk (FWD_STREAM_THREAD_BYTES).
    count_once: bool = False
    # lane_stats with full tiles (exact chunks): every lane holds num_chunks columns, so pass 1
    # starts the lanes from the first chunk and merges them by two plain sums (a two-pass
    # variance of the lane means) instead of reducing (mean, M2, count) triples, whose every
    # merge divides: 15-20% fewer instructions (sm_90), which the 16-bit rows, near the SMs'
    # issue rate, turn into speed (ExactChunkStreaming). With a power of two of
    # chunks, pass 1 loads them all at once (each lane's two-pass mean and M2 in registers), so
    # ptxas cannot hold a chunk's load back (fp16 32768: +3 points, log entry 47); otherwise it
    # loops over them, a Welford update a chunk, unless padded_load. Ignored unless the tiles
    # are full.
    equal_lanes: bool = False
    # equal_lanes with a chunk count that is not a power of two: pass 1 loads its chunks at once
    # too, in a tile padded to the next power of two (the padding masked off), instead of the
    # loop (ExactChunkStreaming.max_padding; one_load_chunks).
    padded_load: bool = False
    # Streamed rows: pass 2 loads chunk c + 1 (x, weight, bias) before it stores chunk c's y,
    # so a load is in flight while each chunk is normalized and stored (see _fwd_kernel).
    pass2_ahead: bool = False
    # y stored with the streaming cache operator (.cs: evict first), so that it does not push out
    # of L2 what the kernel still reads (FWD_STREAMING_STORE_ROW_BYTES).
    streaming_store: bool = False
    # A cap on the registers a thread may use (Triton's maxnreg; 0: the compiler's choice), so
    # that a schedule that would take more does not halve the programs an SM holds. splits == 1
    # only (the split-row kernel is launched without it).
    max_registers: int = 0


@dataclass(frozen=True)
class BackwardConfig:
    block_n: int  # columns per program (a power of two)
    splits: int  # programs sharing a row: 1 = whole rows
    block_m: int  # rows per loop iteration
    num_warps: int
    programs_per_sm: int
    prefetch: bool = False  # load the next row tile (into registers) before reducing this one
    # > 1: the row loop's loads are software-pipelined through shared memory (cp.async),
    # load_stages - 1 tiles ahead. Use with prefetch=False.
    load_stages: int = 1
    # splits > 1: swap row sums within one launch, each program waiting for its group (GPU only);
    # False: two launches, the first writing the slices' sums, the second reading them.
    exchange: bool = True
    # splits == 2 only: no swap at all; each program also reads the other slice of its rows
    # and computes the whole rows' sums itself (``exchange`` is then unused): twice the reads
    # (the second mostly L2 hits), no waiting.
    recompute: bool = False
    # A second block of tail_n columns (a power of two) after each program's first block_n, for
    # rows a little wider than one block (N = 12288 as 8192 + 4096 columns held by one program,
    # instead of a 16384-wide block, which spills, or a split row) or than two (split rows:
    # 20480 as 2 x (8192 + 2048), BWD_TWO_SLICE_TAILS). Not with recompute.
    tail_n: int = 0
    # Load the weights with every row tile (L1 hits) instead of holding them in registers for the
    # whole loop (the tail's weights are always loaded per row).
    weights_per_row: bool = False
    # A group's row tiles strided over the grid (group g: tiles g, g + groups, ...) instead of a
    # contiguous run, so that at any moment the programs stream neighbouring rows (fewer DRAM
    # pages open, presumably: BWD_STRIDED_MAX_SPLITS). Not with prefetch. dx is the same
    # bitwise; dweight and dbias add each group's rows in another order.
    strided: bool = False
    # Split rows that swap their sums (not with recompute or a tail): each row tile is finished
    # one loop iteration late, after the next tile's sums are published, its x and dy held in
    # registers meanwhile, so that the wait for the group overlaps a tile's work. dx is the
    # same bitwise.
    lag: bool = False


def padded_width(n: int) -> int:
    """The power-of-two block a whole row of ``n`` columns occupies."""
    return max(MIN_BLOCK_N, triton.next_power_of_2(n))


def _blocking(n: int, max_block: int, chunk: int, max_pieces: int = 0) -> tuple[int, int]:
    """(block_n, num_chunks): the whole padded row if it fits in ``max_block``, else chunks.

    The chunk is the widest of ``chunk``, half and a quarter of it that pads the row by at most
    an eighth: N = 12288 is 3 chunks of 4096, not 2 of 8192 with half of the second masked off;
    if none does, the quarter. With ``max_pieces`` (the backward's groups), only blocks making
    at most that many chunks qualify (``chunk`` if none does), and if none of them pads by at
    most an eighth, the one padding least (the widest of equals): 16-bit N = 14336 is 2 slices
    of 8192, not 7 of 2048 (log entry 31).
    """
    width = padded_width(n)
    if width <= max_block:
        return width, 1

    def padding(block: int) -> int:
        return triton.cdiv(n, block) * block - n

    blocks = [chunk, chunk // 2, chunk // 4]
    fallback = blocks[-1]
    if max_pieces:
        blocks = [b for b in blocks if triton.cdiv(n, b) <= max_pieces] or [chunk]
        fallback = min(blocks, key=padding)
    block = next((b for b in blocks if padding(b) <= n // 8), fallback)
    return block, triton.cdiv(n, block)


# ---- measured exceptions per GPU family: (element size, padded width) -> fields to replace ----
# Only differences larger than the run-to-run spread (about 3 points of copy) and seen in two
# sweeps are kept. A key (element size, padded width, MASKED) applies to rows narrower than
# their padded block (N < width) and is looked up before the plain key. A key may name a dtype
# instead of an element size, for one dtype only; it is looked up before the element size's key
# of the same kind (masked or plain).
MASKED = "masked"
Overrides = dict[tuple, dict[str, object]]
_HOPPER: tuple[Overrides, Overrides] = (  # (forward, backward)
    {
        (4, 1024): dict(block_m=8),  # H100 101-103% of copy against 92-95% (sweeps 5, 6)
        # Short rows, 4 to a program with 2 warps: 1-6% less time than the rule's 16 rows and
        # 16 warps (fp32 256), 8 and 8 (N = 512) in four H100 probes (log entry 29).
        (4, 256): dict(block_m=4, num_warps=2),
        (4, 512): dict(block_m=4, num_warps=2),
        (2, 512): dict(block_m=4, num_warps=2),
    },
    {},
)
# The H200 (sweep 7, third session) found the H100's exceptions of the time and no other; with
# the kernels of the seventh session, probes 12-15 (log entry 30) found forward warps that
# differ there, each in two or three probes. The backward's launch configs are the H100's (probe
# 12: no variant above the rules); its two-slice rows compute their sums without an exchange.
_H200_FORWARD: Overrides = {
    **_HOPPER[0],
    # (fp32 16384 ran 95-96% of copy with 16 warps against 92-93% with 8 (three probes); it is
    # now streamed, FWD_STREAM_FULL_BLOCKS.) Narrower fp32 rows in its block (9216-15360):
    # 4 warps 89-92% against 62-80% with 8.
    # At 12288, 4 warps take 250 registers (H200 compile) and fit two 128-thread programs per
    # SM; 8 warps take 183, so one 256-thread program (two need at most 128 registers).
    (4, 16384, MASKED): dict(num_warps=4),
    # fp32 512: 2 rows with 4 warps (8 columns a thread), 8.80-8.90 us against 9.18-9.25 for the
    # H100's 4 rows and 2 warps, torch.compile 8.74 (probe 87, log entry 47).
    (4, 512): dict(block_m=2, num_warps=4),
    # fp32 513-1023 (the 1024 block, masked): 4 rows with 4 warps, not the H100's 8: 768
    # 11.94-12.00 us against 12.61-12.70 (torch.compile 12.19-12.29, was 3% ahead), 640
    # 10.75-10.78 against 11.46-11.55, 896 12.77-12.80 against 13.44-13.50; 6 rotated rounds,
    # ranges apart (probe 140, log entry 75). fp32 1024 (unmasked) keeps 8 rows: 4 were 1% faster,
    # within 1-2% of the copy either way (probe 141, log entry 76).
    (4, 1024, MASKED): dict(block_m=4),
    # fp32 256: 4 rows with 1 warp (torch.compile's tile), weight and bias after the reductions:
    # 6.72-6.75 and 6.88-6.98 us against 6.91-6.94 and 7.14-7.20 for 4 rows with 2 warps and
    # params_first (two processes, 6 rotated rounds each; torch.compile 6.78-6.82, 6.91-6.98;
    # probe 106, log entry 54); a tie on another VM (probe 100). With params_first the 1-warp
    # tile issues only 4 of x's 8 loads before its first reduction (offline, sm_90) and ran
    # 7.17-7.26. Rows of 129-255 columns (not measured) keep the 2-warp tile with weight and bias
    # loaded with x (7.33 -> 7.04 us at 256, probes 96-97, log entry 49).
    (4, 256): dict(block_m=4, num_warps=1),
    (4, 256, MASKED): dict(block_m=4, num_warps=2, params_first=True),
    # 16-bit 512: 4 rows with 1 warp, 6.94-7.10 us against 7.07-7.26 for the H100's 4 rows and 2
    # warps, ranges apart in 6 rotated rounds of two processes (probe 104) and ahead in two more
    # on another VM (probe 100); torch.compile 6.75-6.91. (2 rows with 1 warp, torch.compile's
    # tile, has two speeds, 6.8 or 7.3 us, by what was measured before it.) Rows of 257-511
    # columns (not measured) keep the H100's tile. Log entry 51.
    (2, 512): dict(block_m=4, num_warps=1),
    (2, 512, MASKED): _HOPPER[0][(2, 512)],
    # 16-bit rows of 513-2048 columns in tiles of 2048 elements, not the rule's 4096: 768-1024
    # in 2 rows with 2 warps (fp16 1024 9.3-9.6 us against 10.4-10.5 with the rule's 4 rows and
    # 4 warps, 768 +3 to +4%, bf16 1024 tied); 1025-2047 keep the rule's 2 rows (1536 in 1:
    # 13.0-13.2 against 12.4-12.6 us). M = 4096, probes 57 A and 58 (three processes), log entry
    # 42. (2048 and 4096 with 8 warps instead of 4: 3-6 points ahead in two processes, probes
    # 85-86, 2 points behind in a third, probe 88; left as they were, log entry 47.)
    (2, 1024): dict(block_m=2, num_warps=2),
    # 16-bit 2048: 1 row with 4 warps under a 40-register cap (48 without; no spill offline), 12
    # programs a SM instead of 10: 1.5-2% less time in 29 of 30 rotated rounds (those not after
    # torch.compile's measurement), fp16 and bf16, three VMs (probes 108, 111, 112; entry 55).
    (2, 2048): dict(block_m=1, max_registers=40),
    (2, 2048, MASKED): dict(block_m=2),
    # 16-bit 4096: 4 warps +2 to +4 points (three probes, eighth session).
    (2, 4096): dict(num_warps=4),
    # fp16 4096: 2 rows with 8 warps (64 registers, 4 programs a SM), 2-3% less time than 1 row
    # with 4 in 6 rotated rounds on each of three VMs (22.14-22.43 against 22.72-22.91 us;
    # 22.18-22.40 against 22.82-22.88; 22.27-22.56 against 22.88-23.26); bf16 tied or 0.5%
    # slower (probes 113 and 119, log entries 57, 59).
    (torch.float16, 4096): dict(block_m=2, num_warps=8),
    # 2049-4095: 2 rows with 8 warps (32 columns a thread), 3072 95-96% of copy against 88-90%
    # with 1 row and 4 (probe 87); 2560 96-98 against 91-93, 3072 89-97 against 85-87, 3584
    # 104-106 against 97-99 (probe 88). Log entry 47.
    # Under a 64-register cap (fp16 70, bf16 69 without; no spill offline), 4 programs a SM
    # instead of 3: fp16 5-11% less time in every rotated round at 2304-3840 (3072: 19.2-19.7
    # against 21.2-21.9 us on three VMs), bf16 tied (probes 108, 111, 112; log entry 55).
    (2, 4096, MASKED): dict(block_m=2, num_warps=8, max_registers=64),
    # 16-bit 4097-8191 columns: 4 warps 82-84% against 76% (6144, two dtypes); 8192 ties.
    (2, 8192, MASKED): dict(num_warps=4),
}
# Backward: the H100's table. (16-bit rows in two 8192-wide slices, N = 12289-16384, computed
# their row sums whole in each program, BackwardConfig.recompute, while the exchange had its
# counter: 16384 62-63% of copy against 57% (log entry 31); since the exchange has no counter
# or fence, it swaps them: 74% against 66% (probe 64, log entry 43).)
_H200_BACKWARD: Overrides = _HOPPER[1]
OVERRIDES: dict[str, tuple[Overrides, Overrides]] = {
    "H100": _HOPPER,
    "H200": (_H200_FORWARD, _H200_BACKWARD),
}
DEFAULT_FAMILY = "H100"
"""The family whose table other GPUs (and the CPU interpreter) use."""


def _override(conf, n: int, dtype: torch.dtype, family: str, direction: int):
    """``conf`` with the family's measured exception for (dtype, N) applied, if there is one;
    ``direction`` 0 is the forward table, 1 the backward one."""
    table = OVERRIDES.get(family, OVERRIDES[DEFAULT_FAMILY])[direction]
    width = padded_width(n)
    kinds = ((MASKED,), ()) if n < width else ((),)
    keys = [(what, width, *kind) for kind in kinds for what in (dtype, dtype.itemsize)]
    fields = next((table[k] for k in keys if k in table), None)
    return replace(conf, **fields) if fields else conf


@functools.cache
def forward_config(n: int, dtype: torch.dtype, family: str = DEFAULT_FAMILY) -> ForwardConfig:
    """The forward's launch configuration for rows of ``n`` columns of ``dtype`` on a GPU of
    ``family``: the tables' and rules' tile, with streaming stores for wide rows
    (FWD_STREAMING_STORE_ROW_BYTES)."""
    conf = _forward_rule(n, dtype, family)
    limit = FWD_STREAMING_STORE_ROW_BYTES.get(family)
    if limit is not None and n * dtype.itemsize > limit:
        conf = replace(conf, streaming_store=True)
    return conf


def _forward_rule(n: int, dtype: torch.dtype, family: str) -> ForwardConfig:
    size, max_block = dtype.itemsize, FWD_MAX_BLOCK[dtype.itemsize]
    wide_rule = FWD_STREAM_WIDE_ROWS.get(family, {}).get(size)
    streamed = _exact_chunks(wide_rule, n, size) if n > max_block else None
    if streamed:
        return _pass2_ahead(streamed, n, size, family)
    for lagged in FWD_LAGGED_SLICES.get(family, {}).get(size, ()):
        if lagged.min_width < n <= lagged.max_width:
            splits = triton.cdiv(n, lagged.block_n)
            return ForwardConfig(lagged.block_n, 1, 1, lagged.num_warps, splits, lag=True)
    if size in FWD_SLICE:
        slice_ = max(FWD_SLICE[size], padded_width(n) // FWD_MAX_SPLITS)
        block_n, splits = _blocking(n, max_block, slice_)
        if splits > 1 and slice_ <= max_block:
            return _override(_split_rows(block_n, splits), n, dtype, family, 0)
    block_n, chunks = _blocking(n, max_block, FWD_CHUNK_BYTES // size)
    params_first = block_n in FWD_PARAMS_FIRST_WIDTHS
    padded = chunks == 1 and 4 * n <= 3 * block_n  # a quarter or more of the block masked
    if padded:
        rule = FWD_STREAM_EXACT_CHUNKS.get(family)
    elif chunks > 1:  # rows wider than one block
        rule = None
    else:  # rows that fill their block, or three quarters of it or more
        full = FWD_STREAM_FULL_BLOCKS if n == block_n else FWD_STREAM_NEARLY_FULL
        rule = full.get(family, {}).get(size)
    streamed = _exact_chunks(rule, n, size)
    if streamed:
        return _pass2_ahead(streamed, n, size, family)
    split = FWD_SPLIT_PADDED_ROWS.get(family, {}).get(size)
    if padded and split and split[0] < n <= split[1]:
        conf = _split_rows(FWD_SLICE[size], triton.cdiv(n, FWD_SLICE[size]))
        return _override(conf, n, dtype, family, 0)
    stream = FWD_STREAM_PADDED_ROWS.get(family)
    if padded and size == 2 and stream and stream.min_block <= block_n:
        conf = ForwardConfig(stream.chunk, triton.cdiv(n, stream.chunk), 1, stream.num_warps)
    elif chunks > 1:
        conf = ForwardConfig(block_n, chunks, 1, FWD_CHUNK_WARPS)
    elif block_n < FWD_TILE_ELEMS:
        block_m = FWD_TILE_ELEMS // block_n
        warps = min(FWD_SHORT_ROW_MAX_WARPS, max(FWD_SHORT_ROW_WARPS, block_m))
        conf = ForwardConfig(block_n, 1, block_m, warps, params_first=params_first)
    else:
        warps = FWD_WIDE_ROW_WARPS if block_n >= FWD_WIDE_ROW else FWD_LONG_ROW_WARPS
        conf = ForwardConfig(block_n, 1, 1, warps, params_first=params_first)
    return _override(conf, n, dtype, family, 0)


def _split_rows(block_n: int, splits: int) -> ForwardConfig:
    """Rows split over ``splits`` programs of a ``block_n``-wide slice each (FWD_SLICE)."""
    warps = FWD_WIDE_ROW_WARPS if block_n >= FWD_WIDE_ROW else FWD_LONG_ROW_WARPS
    return ForwardConfig(block_n, 1, max(1, FWD_SPLIT_TILE_ELEMS // block_n), warps, splits)


def _exact_chunks(rule: ExactChunkStreaming | None, n: int, size: int) -> ForwardConfig | None:
    """The streamed config ``rule`` gives a row of ``n`` columns, or None if it does not take
    the row. (OVERRIDES' entries were measured on whole rows and slices: they do not apply.)"""
    if rule is None or not rule.min_width < n <= rule.max_width:
        return None
    chunk = min(rule.max_chunk, n & -n)  # the widest power of two dividing n, capped
    while n // chunk < rule.min_chunks:
        chunk //= 2
    if chunk < rule.min_chunk or n // chunk > rule.max_chunks.get(size, 0):
        return None
    most, wide = rule.num_warps[size]
    vector_warps = chunk * size // (FWD_STREAM_THREAD_BYTES * 32)
    warps = min(MAX_WARPS, max(wide if n > rule.wide_row else most, vector_warps))
    count_once = vector_warps <= MAX_WARPS
    chunks = n // chunk
    padding = _next_power_of_two(chunks) - chunks
    padded = 0 < padding <= (rule.max_padding or {}).get(size, 0) and warps == vector_warps
    flags = dict(
        lane_stats=True,
        l2_hints=True,
        in_order=True,
        count_once=count_once,
        equal_lanes=rule.loop_lanes or padded or _power_of_two(chunks),
        padded_load=padded,
        max_registers=rule.max_registers if warps == MAX_WARPS else 0,
    )
    return ForwardConfig(chunk, chunks, 1, warps, **flags)


def _pass2_ahead(conf: ForwardConfig, n: int, size: int, family: str) -> ForwardConfig:
    """``conf`` (exact chunks) with pass 2 one chunk ahead where FWD_PASS2_AHEAD takes it."""
    rule = FWD_PASS2_AHEAD.get(family, {}).get(size)
    if rule and rule.min_width < n <= rule.max_width:
        if rule.min_chunk <= conf.block_n <= rule.max_chunk:
            return replace(conf, pass2_ahead=True)
    return conf


def _power_of_two(n: int) -> bool:
    return n & (n - 1) == 0


def _next_power_of_two(n: int) -> int:
    # (not triton.next_power_of_2: on the launch path, see cdiv)
    return 1 << (n - 1).bit_length()


def one_load_chunks(conf: ForwardConfig) -> int:
    """How many chunks (a power of two) the equal lanes' pass 1 loads as one tile: all
    ``num_chunks`` of them, padded with padded_load; 0 if it loops over them instead."""
    if _power_of_two(conf.num_chunks):
        return conf.num_chunks
    return _next_power_of_two(conf.num_chunks) if conf.padded_load else 0


@functools.cache
def backward_config(
    n: int,
    dtype: torch.dtype,
    family: str = DEFAULT_FAMILY,
    shared_memory: int = DEFAULT_SHARED_MEMORY,
    weight_size: int = 4,
) -> BackwardConfig:
    """``weight_size``: bytes per weight element (0 without weights), for the shared memory that
    pipelined loads need (pipeline_shared_memory)."""
    conf = _backward_rule(n, dtype, family, shared_memory, weight_size, two_slice_tails=True)
    if conf.splits > 1 and conf.tail_n and conf.load_stages < BWD_LOAD_STAGES:
        # Two slices with tails pay only with all their load stages (BWD_TWO_SLICE_TAILS)
        conf = _backward_rule(n, dtype, family, shared_memory, weight_size, two_slice_tails=False)
    return conf


def cdiv(a: int, b: int) -> int:
    """Ceiling division for the launch path: triton.cdiv is a constexpr_function there (Triton
    3.9), a few microseconds a call on the host."""
    return -(-a // b)


def program_rows(m: int, programs: int) -> int:
    """The rows each of ``programs`` programs gets of ``m`` (at most), rounded down to a power of
    two: the widest row tile that still leaves no program idle."""
    rows = cdiv(m, programs)
    return 1 << (rows.bit_length() - 1)


def fit_forward_tile(conf: ForwardConfig, m: int, sms: int, size: int) -> ForwardConfig:
    """``conf`` for ``m`` rows of ``size``-byte elements on a GPU of ``sms`` SMs: short rows
    packed several to a program take at most ``program_rows`` of them for FWD_FIT_PROGRAMS_PER_SM
    programs a SM (one a SM from FWD_TABLE_ROWS rows on, where the tables' tiles were measured),
    but at least FWD_FIT_MIN_TILE_BYTES (or all ``m``, padded to a power of two), so that few
    rows spread over the SMs instead of a few programs' mostly masked tiles. Warps:
    FWD_SHORT_ROW_WARPS when every SM gets a program, else a warp per FWD_FIT_WARP_BYTES of tile
    (FWD_SHORT_ROW_WARPS to FWD_FIT_MAX_WARPS). Measurements: log entries 39, 41 and 42.
    From FWD_MANY_ROWS rows on, whole rows take FWD_MANY_ROWS_TILES where it has one."""
    if m >= FWD_MANY_ROWS and conf.splits == 1 and conf.num_chunks == 1:
        tile = FWD_MANY_ROWS_TILES.get((size, conf.block_n))
        return conf if tile is None else _many_rows_tile(conf, *tile)
    programs = sms * (FWD_FIT_PROGRAMS_PER_SM if m < FWD_TABLE_ROWS else 1)
    least = min(cdiv(FWD_FIT_MIN_TILE_BYTES, conf.block_n * size), _next_power_of_two(m))
    rows = max(program_rows(m, programs), least)
    if conf.block_m <= rows or conf.splits > 1 or conf.num_chunks > 1:
        return conf
    return _forward_tile(conf, rows, size, cdiv(m, rows) >= sms)


@functools.cache
def _many_rows_tile(conf: ForwardConfig, rows: int, warps: int) -> ForwardConfig:
    return replace(conf, block_m=rows, num_warps=warps)


@functools.cache
def _forward_tile(conf: ForwardConfig, rows: int, size: int, fills_sms: bool) -> ForwardConfig:
    if fills_sms:
        return replace(conf, block_m=rows, num_warps=FWD_SHORT_ROW_WARPS)
    warps = rows * conf.block_n * size // FWD_FIT_WARP_BYTES
    warps = min(FWD_FIT_MAX_WARPS, max(FWD_SHORT_ROW_WARPS, warps))
    return replace(conf, block_m=rows, num_warps=warps)


def fit_backward_tile(conf: BackwardConfig, m: int, programs: int) -> BackwardConfig:
    """``conf`` for ``m`` rows on a persistent grid of ``programs`` programs: a whole-row tile
    of at most ``program_rows``, so that few rows still spread over the SMs one or two a
    program instead of a few programs' tiles of mostly masked rows. The tables' tiles were
    measured at M = 4096, 32 rows a program on 132 SMs, which they exceed only for rows under
    128 (fp32) or 256 (16-bit) columns. H200, probe 46 (log entry 39), harness time, the
    tables' tile against 1-row tiles: bf16 1024 9.6 -> 4.5 us at M = 1, 8.9 -> 6.7 at M = 8,
    11.4 -> 7.7 at M = 64; fp32 1024 6.5 -> 4.6 (M = 1) and 8.0 -> 6.7 (M = 8); bf16 4096 6.3
    -> 5.1 (M = 1); within noise elsewhere (N = 4096-8192, M = 1-64). Split rows (unmeasured
    at few rows) keep their tile."""
    rows = program_rows(m, programs)
    if conf.block_m <= rows or conf.splits > 1:
        return conf
    return _backward_tile(conf, rows)


@functools.cache
def _backward_tile(conf: BackwardConfig, rows: int) -> BackwardConfig:
    return replace(conf, block_m=rows)


def _backward_rule(
    n: int,
    dtype: torch.dtype,
    family: str,
    shared_memory: int,
    weight_size: int,
    two_slice_tails: bool,
) -> BackwardConfig:
    size, max_block = dtype.itemsize, BWD_MAX_BLOCK[dtype.itemsize]
    two_slice_max = BWD_TWO_SLICE_TAILS.get(family, {}).get(size, 0) if two_slice_tails else 0
    if max_block < n <= max_block + BWD_MAX_TAIL:
        block_n, splits = max_block, 1
        tail_n = max(BWD_MIN_TAIL[size], padded_width(n - max_block))
    elif 2 * max_block < n <= two_slice_max:
        block_n, splits = max_block, 2
        tail_n = max(BWD_MIN_TAIL[size], padded_width(triton.cdiv(n, 2) - max_block))
    else:
        block_n, splits = _blocking(n, max_block, max_block, max_pieces=BWD_MAX_SPLITS)
        tail_n = 0
    if splits == 1:
        block_m, warps = max(1, BWD_TILE_ELEMS[size] // block_n), BWD_WARPS
    else:
        block_m = max(1, BWD_SPLIT_TILE_ELEMS // block_n)
        warps = BWD_SPLIT_WARPS.get((size, block_n), BWD_WARPS)
    loads = backward_loads(n, block_n, splits, size)
    conf = BackwardConfig(block_n, splits, block_m, warps, BWD_PROGRAMS_PER_SM, **loads)
    if tail_n:
        conf = replace(conf, tail_n=tail_n, weights_per_row=True)
    conf = _override(conf, n, dtype, family, 1)
    if conf.recompute and (
        conf.splits != 2
        or conf.tail_n
        or pipeline_shared_memory(conf, size, weight_size) > shared_memory
    ):
        conf = replace(conf, recompute=False)
    min_stages = BWD_TAIL_MIN_STAGES if conf.tail_n else conf.load_stages
    while conf.load_stages > min_stages and (
        pipeline_shared_memory(conf, size, weight_size) > shared_memory
    ):
        conf = replace(conf, load_stages=conf.load_stages - 1)
    if conf.load_stages > 1 and pipeline_shared_memory(conf, size, weight_size) > shared_memory:
        conf = replace(conf, prefetch=True, load_stages=1, strided=False)
    return conf


def backward_loads(n: int, block_n: int, splits: int, size: int) -> dict[str, object]:
    """How a backward program of ``size``-byte elements loads ahead (BackwardConfig fields) in
    rows of ``n`` columns: pipelined through shared memory for whole rows and
    BWD_PIPELINED_SLICE-wide slices, else prefetched into registers; pipelined, its row tiles
    strided over the grid for whole rows and groups of up to BWD_STRIDED_MAX_SPLITS[size] slices
    whose last is at most BWD_STRIDED_MAX_PADDING empty; such groups of at least
    BWD_LAG_MIN_SPLITS[size] slices lagged, and strided whatever their number."""
    if splits == 1 or block_n == BWD_PIPELINED_SLICE:
        full = splits * block_n - n <= BWD_STRIDED_MAX_PADDING * block_n
        lag = full and splits >= BWD_LAG_MIN_SPLITS.get(size, splits + 1)
        strided = splits == 1 or lag or (splits <= BWD_STRIDED_MAX_SPLITS[size] and full)
        return dict(load_stages=BWD_LOAD_STAGES, strided=strided, lag=lag)
    return dict(prefetch=True)


def pipeline_shared_memory(conf: BackwardConfig, size: int, weight_size: int = 4) -> int:
    """Bytes of shared memory the backward's pipelined loads need (see PIPELINE_SMEM_SLACK): x
    and dy tiles of ``size``-byte elements, the other slice's too with ``recompute``, and the
    weights (``weight_size`` bytes each) loaded every row: the tail's, the other slice's, and
    with ``weights_per_row`` the program's own."""
    columns = conf.block_n * (1 + conf.recompute) + conf.tail_n
    row_weights = conf.tail_n + conf.block_n * (conf.recompute + conf.weights_per_row)
    stage = conf.block_m * columns * 2 * size + row_weights * weight_size
    return (conf.load_stages - 1) * stage + PIPELINE_SMEM_SLACK


@functools.cache
def partial_sum_tile(n: int, groups: int, sms: int) -> tuple[int, int]:
    """(rows, columns) a program of the backward's partial-row sum loads at once (see
    PARTIAL_SUM_MIN_BLOCK and PARTIAL_SUM_MAX_ROWS)."""
    block = PARTIAL_SUM_MAX_BLOCK
    while block > PARTIAL_SUM_MIN_BLOCK and triton.cdiv(n, block) < sms:
        block //= 2
    rows = min(PARTIAL_SUM_MAX_ROWS, triton.next_power_of_2(groups))
    return rows, min(block, padded_width(n))


@functools.cache
def gpu_family(device: torch.device) -> str:
    """The ``OVERRIDES`` family of a device: "H200" or "H100" by the CUDA device's name, else
    ``DEFAULT_FAMILY`` (other GPUs and the CPU interpreter)."""
    if device.type == "cuda":
        name = torch.cuda.get_device_name(device)
        for family in OVERRIDES:
            if family in name:
                return family
    return DEFAULT_FAMILY


@functools.cache
def max_shared_memory(device: torch.device) -> int:
    """Shared memory per block a kernel may use on a CUDA device (Triton's own limit); the
    default for the CPU interpreter."""
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        return triton.runtime.driver.active.utils.get_device_properties(index)["max_shared_mem"]
    return DEFAULT_SHARED_MEMORY


def dependent_launches(device: torch.device) -> bool:
    """Whether kernels are programmatic dependent launches on ``device`` (DEPENDENT_LAUNCHES):
    CUDA GPUs of compute capability 9.0 and newer only (never the interpreter)."""
    return DEPENDENT_LAUNCHES and _has_dependent_launch(device)


@functools.cache
def _has_dependent_launch(device: torch.device) -> bool:
    if device.type != "cuda" or torch.version.hip is not None:
        return False
    return torch.cuda.get_device_capability(device) >= (9, 0)


@functools.cache
def sm_count(device: torch.device) -> int:
    """Multiprocessors of a CUDA device; a small stand-in for the CPU interpreter."""
    if device.type == "cuda":
        return torch.cuda.get_device_properties(device).multi_processor_count
    return INTERPRETER_SM_COUNT
