"""The one LayerNorm benchmark harness.

Everything that measures the kernel goes through this module: the CLI
(``python -m kernels.bench``), the pytest-benchmark suite (``tests/benchmarks``) and asv.
It owns the sweep, the providers, the bytes model, the correctness check that runs before
any timing, the timer, and the tidy DataFrame.

Every knob (shapes, dtypes, modes, timer settings) is defined once, at the top of this file.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import platform
import socket
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import torch
import torch.nn.functional as F
import triton
import triton.language as tl
import triton.testing

import kernels
from kernels.reference import assert_close, layer_norm_reference, reference_grads

# --------------------------------------------------------------------------------------------
# Knobs: the sweep
# --------------------------------------------------------------------------------------------
M = 4096
"""Rows of the default sweep (tokens in a batch)."""
DEFAULT_NS = (256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
"""Normalized sizes of the default sweep (powers of two)."""
EXTRA_NS = (768, 1536, 5120, 12288, 65536)
"""Model widths that are not powers of two (and one very wide row) for ``--extended``."""
LATENCY_SHAPES = ((1, 4096), (64, 4096))
"""Few-row shapes where launch latency, not bandwidth, dominates."""
EXTENDED_SHAPES = [(M, n) for n in sorted(DEFAULT_NS + EXTRA_NS)] + list(LATENCY_SHAPES)
"""The extended sweep: every default and extra N at ``M`` rows, then the latency shapes."""
SMOKE_SHAPES = ((4, 256), (4, 512))
"""Tiny shapes for the interpreter/CPU smoke run (~1 ms per Triton program instance)."""
DTYPES = ("float32", "float16", "bfloat16")
MODES = ("forward", "backward", "forward_backward")
EPS = 1e-5
SEED = 0
"""Every provider of a point gets the same inputs."""

# --------------------------------------------------------------------------------------------
# Knobs: the timer
# --------------------------------------------------------------------------------------------
WARMUP_MS = 25
"""Warm-up time per measurement (ms), as ``triton.testing.do_bench``'s ``warmup``."""
REP_MS = 100
"""Timed repetitions per measurement (ms of calls), as ``do_bench``'s ``rep``, but at most
``MAX_REPS`` calls; each call also costs an L2 flush and the host cushion, so a measurement takes
up to ~3x this. The default sweep (288 points, torch.compile included) takes a few minutes."""
MAX_REPS = 300
"""Cap on timed calls per measurement (each costs an L2 flush and a GPU-side wait)."""
L2_FLUSH_BYTES = 256 * 2**20
"""Zeroed before every timed call, as do_bench does (larger than any GPU's L2), but by
:func:`flush_l2`'s stores with the ``evict_last`` policy."""
HOST_CUSHION = 2.0
"""GPU-side wait queued ahead of every timed call, in units of the call's measured host time.

do_bench brackets each call with CUDA events after an L2 flush; the flush (~0.1 ms) is all that
keeps the GPU busy while the host enqueues the call. Where the host takes longer (measured on the
H100 VM: ~0.1 ms per kernels.layer_norm call, ~0.9 ms for forward+backward through autograd),
do_bench times the host, bimodally. A wait twice the host time makes the events bracket the
device time of the call's kernels, for every provider alike; host overhead is measured
separately (the latency shapes)."""
QUANTILES = (0.2, 0.8)
"""Quantiles reported besides the median, min and max (columns ``ms_p20``, ``ms_p80``)."""
CPU_WARMUP_CALLS = 1
CPU_TIMED_CALLS = 3
"""The CPU timer (smoke run only) calls the function this often; it is not a measurement."""
COMPILE_RECOMPILE_LIMIT = 1024
"""Raised dynamo recompile limits: every shape and dtype of a sweep is its own graph."""

# --------------------------------------------------------------------------------------------
# Providers
# --------------------------------------------------------------------------------------------
CORE_PROVIDERS = ("triton", "torch", "torch_compile", "copy")
OPTIONAL_PROVIDERS = {"liger": "liger_kernel"}
"""Peer implementations, measured only when their package is installed."""
PROVIDERS = CORE_PROVIDERS + tuple(
    name for name, module in OPTIONAL_PROVIDERS.items() if importlib.util.find_spec(module)
)
"""The providers a sweep measures by default: the core ones plus installed peers."""
STATS_ITEMSIZE = 4
"""mean and rstd are saved as float32, one each per row."""

LayerNormFn = Callable[..., torch.Tensor]
"""Same signature as ``torch.nn.functional.layer_norm(x, normalized_shape, w, b, eps)``."""


class WrongResultError(AssertionError):
    """A provider's output is outside the tolerance of the float64 reference."""


class ProviderUnavailableError(RuntimeError):
    """An optional provider's package is not installed."""


class CompileFallbackError(RuntimeError):
    """torch.compile ran eager code instead of a compiled graph."""


def bytes_moved(mode: str, M: int, N: int, dtype: str) -> int:
    """Bytes a LayerNorm must move through DRAM at least: the one bytes model of the suite.

    With ``s`` the itemsize of ``dtype`` and float32 mean/rstd (4 bytes each per row):

    - forward          = 2·M·N·s (read x, write y) + 2·N·s (read w, b) + 2·M·4 (write mean, rstd)
    - backward         = 3·M·N·s (read x, dy; write dx) + 3·N·s (read w; write dw, db)
      + 2·M·4 (read mean, rstd)
    - forward_backward = forward + backward

    Partial dw/db buffers that a kernel may write and re-read are not counted: the model is the
    algorithmic minimum, so GB/s is comparable across implementations.
    """
    s = torch_dtype(dtype).itemsize
    stats = 2 * M * STATS_ITEMSIZE
    forward = 2 * M * N * s + 2 * N * s + stats
    backward = 3 * M * N * s + 3 * N * s + stats
    by_mode = {"forward": forward, "backward": backward, "forward_backward": forward + backward}
    if mode not in by_mode:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    return by_mode[mode]


def torch_dtype(dtype: str) -> torch.dtype:
    """The torch dtype named by one of ``DTYPES``."""
    if dtype not in DTYPES:
        raise ValueError(f"unknown dtype {dtype!r}; expected one of {DTYPES}")
    return getattr(torch, dtype)


def default_shapes(extended: bool = False) -> list[tuple[int, int]]:
    """(M, N) shapes of the default sweep, or of the extended one (``EXTENDED_SHAPES``)."""
    return list(EXTENDED_SHAPES) if extended else [(M, n) for n in DEFAULT_NS]


# --------------------------------------------------------------------------------------------
# Provider functions
# --------------------------------------------------------------------------------------------
def _liger_layer_norm(x, normalized_shape, weight, bias, eps):
    """Liger-Kernel's LayerNorm behind the F.layer_norm signature (last dimension only)."""
    from liger_kernel.ops.layer_norm import LigerLayerNormFunction

    return LigerLayerNormFunction.apply(x, weight, bias, eps)


@functools.cache
def _compiled_layer_norm() -> LayerNormFn:
    """``torch.compile(F.layer_norm)``: one graph per shape and dtype, never a silent eager.

    ``dynamic=False`` makes every shape really compile; the recompile limits are raised so the
    sweep does not hit them; ``fullgraph=True`` turns graph breaks (and, in recent torch, a hit
    recompile limit) into errors. ``_check_compiled`` catches any remaining fallback.
    """
    config = torch._dynamo.config
    if config.suppress_errors:
        raise CompileFallbackError(
            "torch._dynamo.config.suppress_errors is set (TORCHDYNAMO_SUPPRESS_ERRORS?): "
            "torch.compile would fall back to eager silently; unset it to benchmark torch.compile"
        )
    for new_name, old_name in (
        ("recompile_limit", "cache_size_limit"),
        ("accumulated_recompile_limit", "accumulated_cache_size_limit"),
    ):
        name = new_name if hasattr(config, new_name) else old_name
        setattr(config, name, max(getattr(config, name), COMPILE_RECOMPILE_LIMIT))
    return torch.compile(F.layer_norm, dynamic=False, fullgraph=True)


_COMPILED_KEYS: set[tuple] = set()
"""(shape, dtype, device, requires_grad) keys that torch.compile has compiled a graph for."""


def _compiled_graph_count() -> int:
    from torch._dynamo.utils import counters

    return counters["stats"]["unique_graphs"]


def _check_compiled(fn: LayerNormFn, x: torch.Tensor, *args) -> torch.Tensor:
    """Call the compiled LayerNorm; on a key it has not seen, require that a graph was compiled."""
    key = (tuple(x.shape), x.dtype, x.device.type, x.requires_grad)
    before = _compiled_graph_count()
    y = fn(x, *args)
    if key not in _COMPILED_KEYS:
        if _compiled_graph_count() == before:
            raise CompileFallbackError(
                f"torch.compile compiled no graph for input {key}: it fell back to eager "
                "(recompile limit hit, or torch._dynamo was disabled)"
            )
        _COMPILED_KEYS.add(key)
    return y


def provider_fn(provider: str) -> LayerNormFn:
    """The LayerNorm of ``provider`` (not ``copy``), with the F.layer_norm signature."""
    if provider in OPTIONAL_PROVIDERS and not importlib.util.find_spec(
        OPTIONAL_PROVIDERS[provider]
    ):
        raise ProviderUnavailableError(f"{OPTIONAL_PROVIDERS[provider]} is not installed")
    functions = {
        "triton": lambda: kernels.layer_norm,
        "torch": lambda: F.layer_norm,
        "torch_compile": _compiled_layer_norm,
        "liger": lambda: _liger_layer_norm,
    }
    if provider not in functions:
        known = CORE_PROVIDERS + tuple(OPTIONAL_PROVIDERS)
        raise ValueError(f"unknown provider {provider!r}; expected one of {known}")
    return functions[provider]()


# --------------------------------------------------------------------------------------------
# Cases: inputs + correctness check + the callable to time
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    """One benchmark point, built and checked, ready to time.

    ``fn`` is the timed call: the forward, the backward (from a saved forward graph), the
    forward plus backward, or the device-to-device copy of ``bytes // 2`` bytes.
    """

    provider: str
    mode: str
    M: int
    N: int
    dtype: str
    device: torch.device
    bytes: int
    fn: Callable[[], object] = field(repr=False)


def _random_inputs(M: int, N: int, dtype: str, device: torch.device) -> dict[str, torch.Tensor]:
    """Random x, weight, bias and upstream gradient dy (never zeros or ones), seeded."""
    gen = torch.Generator(device=device).manual_seed(SEED)

    def randn(*shape):
        return torch.randn(*shape, generator=gen, device=device, dtype=torch_dtype(dtype))

    return {"x": randn(M, N), "weight": randn(N), "bias": randn(N), "dy": randn(M, N)}


def _reference(mode: str, inputs: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """float64 reference outputs: y, and for backward modes dx, dweight, dbias."""
    x, w, b, dy = (inputs[k].detach() for k in ("x", "weight", "bias", "dy"))
    shape = (x.shape[-1],)
    expected = {"y": layer_norm_reference(x, shape, w, b, EPS)}
    if mode != "forward":
        grads = reference_grads(x, shape, w, b, EPS, dy)
        expected.update(zip(("dx", "dweight", "dbias"), grads, strict=True))
    return expected


def _check(provider: str, mode: str, dtype: str, actual: dict, expected: dict) -> None:
    """Compare every output with the float64 reference; raise ``WrongResultError`` if off."""
    for name, value in actual.items():
        try:
            assert_close(value, expected[name], torch_dtype(dtype), f"{provider} {mode} {name}")
        except AssertionError as err:
            raise WrongResultError(str(err)) from err


def _copy_case(mode: str, M: int, N: int, dtype: str, device: torch.device) -> Case:
    """Device-to-device copy of bytes_moved/2 bytes: it reads and writes each byte, so it moves
    exactly ``bytes_moved`` bytes and its GB/s is the bandwidth ceiling for this point."""
    nbytes = bytes_moved(mode, M, N, dtype)
    gen = torch.Generator(device=device).manual_seed(SEED)
    src = torch.randint(0, 256, (nbytes // 2,), generator=gen, device=device, dtype=torch.uint8)
    dst = torch.empty_like(src)
    dst.copy_(src)
    if not torch.equal(dst, src):
        raise WrongResultError("copy: destination differs from source")
    return Case("copy", mode, M, N, dtype, device, nbytes, lambda: dst.copy_(src))


def prepare(provider: str, mode: str, M: int, N: int, dtype: str, *, device="cuda") -> Case:
    """Build random inputs, check ``provider`` against ``kernels.reference``, return the Case.

    Raises ``WrongResultError`` when an output (y, or for backward modes also dx, dweight,
    dbias) is outside ``kernels.reference.TOLERANCES``. Backward is timed from the forward
    graph built here, so the forward is never inside the timed region.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; expected one of {MODES}")
    device = torch.device(device)
    if provider == "copy":
        return _copy_case(mode, M, N, dtype, device)
    layer_norm = provider_fn(provider)
    inputs = _random_inputs(M, N, dtype, device)
    expected = _reference(mode, inputs)
    checked_call = (
        functools.partial(_check_compiled, layer_norm)
        if provider == "torch_compile"
        else layer_norm
    )
    shape = (N,)
    nbytes = bytes_moved(mode, M, N, dtype)

    if mode == "forward":
        x, w, b = inputs["x"], inputs["weight"], inputs["bias"]
        _check(provider, mode, dtype, {"y": checked_call(x, shape, w, b, EPS)}, expected)
        return Case(
            provider, mode, M, N, dtype, device, nbytes, lambda: layer_norm(x, shape, w, b, EPS)
        )

    leaves = x, w, b = tuple(inputs[k].requires_grad_() for k in ("x", "weight", "bias"))
    dy = inputs["dy"]
    y = checked_call(x, shape, w, b, EPS)
    grads = torch.autograd.grad(y, leaves, dy, retain_graph=True)
    actual = dict(zip(("y", "dx", "dweight", "dbias"), (y.detach(), *grads), strict=True))
    _check(provider, mode, dtype, actual, expected)
    if mode == "backward":
        fn = functools.partial(torch.autograd.grad, y, leaves, dy, retain_graph=True)
    else:

        def fn():
            return torch.autograd.grad(layer_norm(x, shape, w, b, EPS), leaves, dy)

    return Case(provider, mode, M, N, dtype, device, nbytes, fn)


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Measurement:
    """One timed (or refused) benchmark point.

    ``ms`` is the median time; ``ms_min``/``ms_max`` the extremes and ``ms_quantiles`` the
    times at ``quantiles``. ``status`` is ``"ok"``, ``"wrong: ..."`` (output off the reference,
    not timed), ``"error: ..."`` or ``"skipped: ..."``; times are NaN unless it is ``"ok"``.
    """

    provider: str
    mode: str
    M: int
    N: int
    dtype: str
    bytes: int
    status: str = "ok"
    ms: float = math.nan
    ms_min: float = math.nan
    ms_max: float = math.nan
    quantiles: tuple[float, ...] = QUANTILES
    ms_quantiles: tuple[float, ...] = ()

    @property
    def gbps(self) -> float:
        """bytes_moved / median time, in GB/s (1e9 bytes per second)."""
        return self.bytes / self.ms / 1e6

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _cpu_times(fn: Callable[[], object]) -> list[float]:
    """Wall-clock times (ms) of a few calls: for the CPU smoke run only, not a measurement."""
    for _ in range(CPU_WARMUP_CALLS):
        fn()
    times = []
    for _ in range(CPU_TIMED_CALLS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return times


_FLUSH_BLOCK = 4096


@triton.jit
def _zero_evict_last(buffer, n, BLOCK: tl.constexpr):
    offs = tl.program_id(0) * BLOCK + tl.arange(0, BLOCK)
    zeros = tl.zeros([BLOCK], dtype=buffer.dtype.element_ty)
    tl.store(buffer + offs, zeros, mask=offs < n, eviction_policy="evict_last")


def flush_l2(buffer: torch.Tensor) -> None:
    """Zero ``buffer`` (L2_FLUSH_BYTES) with stores marked ``evict_last``.

    Plain stores (``zero_()``, do_bench's flush) do not evict lines that an earlier kernel
    loaded with ``evict_last`` (torch.compile's kernels do, and our streamed rows): on the H200
    such lines outlast hundreds of 256 MB flushes, so a later kernel reading the same addresses
    finds part of its input in L2 and runs 5-15% faster, by what ran before it (log entries 56,
    61; probe 120). Stores of the same priority replace them, so every timed call starts from
    the same L2: full of the flush's dirty lines.
    """
    n = buffer.numel()
    _zero_evict_last[(triton.cdiv(n, _FLUSH_BLOCK),)](buffer, n, BLOCK=_FLUSH_BLOCK)


def cuda_times(fn: Callable[[], object]) -> list[float]:
    """Per-call device times (ms) of ``fn``: do_bench's method (CUDA events around each call,
    L2 flushed before it, warm-up first) plus a GPU-side wait ahead of each call so the host's
    enqueue time is not what the events measure (see ``HOST_CUSHION``)."""
    fn()
    torch.cuda.synchronize()
    flush = torch.empty(L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    # Host enqueue time and device time of one call, from a few calls.
    t0 = time.perf_counter()
    for _ in range(5):
        fn()
    host_ms = (time.perf_counter() - t0) * 1e3 / 5
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    torch.cuda.synchronize()
    start.record()
    for _ in range(5):
        fn()
    end.record()
    torch.cuda.synchronize()
    call_ms = max(start.elapsed_time(end) / 5, host_ms, 1e-3)
    for _ in range(max(1, int(WARMUP_MS / call_ms))):
        fn()
    cycles = int(HOST_CUSHION * host_ms * _gpu_cycles_per_ms())
    n = max(1, min(MAX_REPS, int(REP_MS / call_ms)))
    starts = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    ends = [torch.cuda.Event(enable_timing=True) for _ in range(n)]
    for s, e in zip(starts, ends, strict=True):
        flush_l2(flush)
        torch.cuda._sleep(cycles)
        s.record()
        fn()
        e.record()
    torch.cuda.synchronize()
    return [s.elapsed_time(e) for s, e in zip(starts, ends, strict=True)]


@functools.cache
def _gpu_cycles_per_ms() -> float:
    """Cycles of ``torch.cuda._sleep`` per millisecond on this GPU (measured once)."""
    cycles = 10_000_000
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    torch.cuda._sleep(cycles)  # warm-up
    start.record()
    torch.cuda._sleep(cycles)
    end.record()
    torch.cuda.synchronize()
    return cycles / start.elapsed_time(end)


def time_case(case: Case, *, quantiles: Sequence[float] = QUANTILES) -> Measurement:
    """Time ``case.fn``: on CUDA the device time per call with :func:`cuda_times` (median,
    min, max and ``quantiles`` over the calls); elsewhere with a few wall-clock calls."""
    wanted = [0.5, 0.0, 1.0, *quantiles]
    if case.device.type == "cuda":
        with torch.cuda.device(case.device):  # flush, events and wait on the case's GPU
            samples = torch.tensor(cuda_times(case.fn), dtype=torch.float64)
    else:
        samples = torch.tensor(_cpu_times(case.fn), dtype=torch.float64)
    median, fastest, slowest, *at_quantiles = torch.quantile(
        samples, torch.tensor(wanted, dtype=torch.float64)
    ).tolist()
    return Measurement(
        case.provider,
        case.mode,
        case.M,
        case.N,
        case.dtype,
        case.bytes,
        ms=median,
        ms_min=fastest,
        ms_max=slowest,
        quantiles=tuple(quantiles),
        ms_quantiles=tuple(at_quantiles),
    )


def _status(err: Exception) -> str:
    """The status string of a refused measurement."""
    first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    if isinstance(err, WrongResultError):
        return f"wrong: {first_line}"
    if isinstance(err, ProviderUnavailableError):
        return f"skipped: {first_line}"
    return f"error: {type(err).__name__}: {first_line}"


def measure(
    provider: str,
    mode: str,
    M: int,
    N: int,
    dtype: str,
    *,
    device="cuda",
    quantiles: Sequence[float] = QUANTILES,
) -> Measurement:
    """Check ``provider`` against the reference, then time it; never raises for the provider.

    A wrong, failing or unavailable provider comes back with NaN times and a ``status`` that
    says why (``"wrong: ..."``, ``"error: ..."``, ``"skipped: ..."``); it is not timed.
    Unknown provider/mode/dtype names raise ``ValueError``.
    """
    for name, value, allowed in (("mode", mode, MODES), ("dtype", dtype, DTYPES)):
        if value not in allowed:
            raise ValueError(f"unknown {name} {value!r}; expected one of {allowed}")
    if provider not in CORE_PROVIDERS + tuple(OPTIONAL_PROVIDERS):
        raise ValueError(f"unknown provider {provider!r}")
    try:
        return time_case(prepare(provider, mode, M, N, dtype, device=device), quantiles=quantiles)
    except Exception as err:  # a provider failure is a result, not a crash of the sweep
        status = _status(err)
    if torch.device(device).type == "cuda":
        torch.cuda.empty_cache()  # after an OOM, give the next point its memory back
    return Measurement(
        provider,
        mode,
        M,
        N,
        dtype,
        bytes_moved(mode, M, N, dtype),
        status=status,
        quantiles=tuple(quantiles),
        ms_quantiles=(math.nan,) * len(quantiles),
    )


# --------------------------------------------------------------------------------------------
# Sweep
# --------------------------------------------------------------------------------------------
KEYS = ["mode", "dtype", "M", "N"]
COLUMNS = KEYS + ["provider", "rep", "ms", "ms_min", "ms_max"]
"""Leading columns of ``run()``'s DataFrame; quantile and derived columns follow."""


def _quantile_column(q: float) -> str:
    return f"ms_p{round(q * 100):02d}"


def _row(m: Measurement, rep: int) -> dict:
    row = {k: getattr(m, k) for k in ("mode", "dtype", "M", "N", "provider")}
    row.update(rep=rep, ms=m.ms, ms_min=m.ms_min, ms_max=m.ms_max)
    row.update({_quantile_column(q): t for q, t in zip(m.quantiles, m.ms_quantiles, strict=True)})
    row.update(gbps=m.gbps, bytes=m.bytes, status=m.status)
    return row


def add_relative_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``pct_copy`` (GB/s as % of copy's at the same point and rep) and
    ``speedup_vs_torch`` (torch-eager ms / provider ms); NaN where the baseline is missing."""
    point = KEYS + ["rep"]

    def baseline(provider: str, column: str):
        rows = df.loc[df["provider"] == provider, point + [column]]
        return df[point].merge(rows, on=point, how="left")[column].to_numpy(dtype=float)

    df = df.copy()
    df["pct_copy"] = 100 * df["gbps"] / baseline("copy", "gbps")
    df["speedup_vs_torch"] = baseline("torch", "ms") / df["ms"]
    return df


def measure_point(
    mode: str,
    M: int,
    N: int,
    dtype: str,
    providers: Sequence[str] = CORE_PROVIDERS,
    *,
    device="cuda",
    done: Callable[[str], object] | None = None,
) -> dict[str, Measurement]:
    """:func:`measure` of each of ``providers`` at one point, in their order; ``done(provider)``
    after each measurement. The sweep, asv and pytest-benchmark all measure a point this way.

    (What ran before a measurement once moved it by 5-15%: lines loaded ``evict_last`` outlasted
    the zeroing flush; :func:`flush_l2` evicts them, and the order no longer matters, log
    entries 56, 58 and 61.)
    """
    if len(set(providers)) != len(providers):
        raise ValueError(f"providers repeat a name: {tuple(providers)}")
    results = {}
    for provider in providers:
        results[provider] = measure(provider, mode, M, N, dtype, device=device)
        if done is not None:
            done(provider)
    return results


def rotated_rounds(
    fns: dict[str, Callable[[], object]],
    rounds: int,
    times: Callable[[Callable[[], object]], list[float]] | None = None,
) -> dict[str, list[float]]:
    """Median time (ms) of each of ``fns`` once a round for ``rounds`` rounds, every round in
    the order of ``fns`` rotated by one more place, so no variant always runs after the same
    one. For probes that set launch configurations, the copy and torch.compile side by side in
    one process (docs/performance.md, "What a point's % of copy can and cannot say").
    ``times``: per-call times of a callable, :func:`cuda_times` by default."""
    if rounds < 1 or not fns:
        raise ValueError(f"nothing to time: {len(fns)} variants, {rounds} rounds")
    times = cuda_times if times is None else times
    names = list(fns)
    medians = {name: [] for name in names}
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            medians[name].append(float(torch.tensor(times(fns[name])).median()))
    return medians


def _progress_bar(total: int, enabled: bool):
    """A tqdm bar if tqdm is installed and ``enabled``, else None."""
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="pt", desc="layernorm bench")


def run(
    shapes: Iterable[tuple[int, int]] | None = None,
    dtypes: Sequence[str] = DTYPES,
    modes: Sequence[str] = MODES,
    providers: Sequence[str] | None = None,
    *,
    repeats: int = 1,
    progress: bool = True,
    device="cuda",
) -> pd.DataFrame:
    """Measure every (mode, dtype, shape, provider), ``repeats`` times; a tidy DataFrame.

    One row per (mode, dtype, M, N, provider, rep). Repeats are interleaved: the whole sweep is
    measured once per rep, so two samples of a point are minutes apart, not back to back. Each
    point is :func:`measure_point`.
    Columns: ``mode, dtype, M, N, provider, rep, ms, ms_min, ms_max, ms_pXX..., gbps, bytes,
    status, pct_copy, speedup_vs_torch``; ``df.attrs`` holds ``machine`` (``machine_info()``),
    ``device`` and ``elapsed_s``.
    """
    shapes = default_shapes() if shapes is None else [tuple(s) for s in shapes]
    providers = PROVIDERS if providers is None else tuple(providers)
    if repeats < 1:
        raise ValueError(f"repeats must be >= 1, got {repeats}")
    points = [(mode, dt, m, n) for mode in modes for dt in dtypes for (m, n) in shapes]
    if not points or not providers:
        raise ValueError("nothing to measure: no shapes, dtypes, modes or providers")
    bar = _progress_bar(repeats * len(points) * len(providers), progress)

    def tick(point: str, provider: str) -> None:
        bar.set_postfix_str(f"{point} {provider}")
        bar.update()

    start = time.perf_counter()
    rows = []
    for rep in range(repeats):
        for mode, dt, m, n in points:
            done = None if bar is None else functools.partial(tick, f"{mode} {dt} {m}x{n}")
            results = measure_point(mode, m, n, dt, providers, device=device, done=done)
            rows.extend(_row(result, rep) for result in results.values())
    if bar is not None:
        bar.close()
    df = add_relative_columns(pd.DataFrame(rows))
    df.attrs.update(
        machine=machine_info(), device=str(device), elapsed_s=time.perf_counter() - start
    )
    return df


# --------------------------------------------------------------------------------------------
# Machine
# --------------------------------------------------------------------------------------------
def _nvidia_driver() -> str | None:
    """The NVIDIA driver version from nvidia-smi, or None."""
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else None


def machine_info() -> dict:
    """What a result depends on: GPU, driver, CUDA, library versions, host (gpu None on CPU)."""
    info = {
        "gpu": None,
        "gpu_count": 0,
        "sm_count": None,
        "compute_capability": None,
        "gpu_memory_gib": None,
        "driver": None,
        "cuda": torch.version.cuda,
        "torch": torch.__version__,
        "triton": triton.__version__,
        "python": platform.python_version(),
        "hostname": socket.gethostname(),
        "platform": platform.platform(),
        "triton_interpret": os.environ.get("TRITON_INTERPRET", "0") == "1",
    }
    if torch.cuda.is_available():
        props = torch.cuda.get_device_properties(0)
        info.update(
            gpu=props.name,
            gpu_count=torch.cuda.device_count(),
            sm_count=props.multi_processor_count,
            compute_capability=f"{props.major}.{props.minor}",
            gpu_memory_gib=round(props.total_memory / 2**30, 1),
            driver=_nvidia_driver(),
        )
    return info
