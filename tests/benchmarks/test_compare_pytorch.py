"""pytest-benchmark: the Triton LayerNorm against PyTorch eager and torch.compile.

One benchmark group per (mode, dtype, N) at M = harness.M rows, so ``pytest-benchmark`` prints
the providers of a point side by side. Every test first checks its provider against the float64
reference (through the harness); a wrong provider fails instead of being timed.

Two timings per test (docs/benchmarking.md):

- pytest-benchmark's own statistics (min/mean/median...): wall-clock of one call followed by
  ``torch.cuda.synchronize()``, with the L2 flushed before each round outside the timed region.
  They include the launch and synchronization latency (~10 us), which dominates small shapes.
  ``--benchmark-compare-fail`` gates on these.
- ``extra_info``: the harness's CUDA-event measurement (CUDA events, device time
  only): ``ms`` (median), ``gbps``, ``pct_copy`` and ``speedup_vs_torch``. These are the
  numbers to quote.

Without CUDA every test is skipped.
"""

import pytest
import torch

from kernels.bench import harness

pytest.importorskip("pytest_benchmark", reason="needs the pytest-benchmark plugin")

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(
        not torch.cuda.is_available(), reason="no CUDA device: these benchmarks time GPU kernels"
    ),
]

PROVIDERS = ("triton", "torch", "torch_compile")
MODES = ("forward", "backward")
ROUNDS = 50
WARMUP_ROUNDS = 5
POINTS = [
    pytest.param(
        mode,
        dtype,
        n,
        marks=pytest.mark.benchmark(group=f"{mode} {dtype} N={n}"),
        id=f"{mode}-{dtype}-{n}",
    )
    for mode in MODES
    for dtype in harness.DTYPES
    for n in harness.DEFAULT_NS
]


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize(("mode", "dtype", "n"), POINTS)
def test_layer_norm(benchmark, measured, flush_l2, provider, mode, dtype, n):
    result = measured(provider, mode, dtype, n)
    if not result.ok:
        pytest.fail(f"{provider} {mode} {dtype} {harness.M}x{n}: {result.status}")
    copy, eager = measured("copy", mode, dtype, n), measured("torch", mode, dtype, n)
    benchmark.extra_info.update(
        M=harness.M,
        bytes=result.bytes,
        ms=result.ms,
        ms_min=result.ms_min,
        ms_max=result.ms_max,
        gbps=result.gbps,
        pct_copy=100 * result.gbps / copy.gbps,
        speedup_vs_torch=eager.ms / result.ms,
        timer="extra_info: harness CUDA events (device time); stats: wall clock of call + sync",
    )
    case = harness.prepare(provider, mode, harness.M, n, dtype)

    def call_and_wait():
        case.fn()
        torch.cuda.synchronize()

    benchmark.pedantic(call_and_wait, setup=flush_l2, rounds=ROUNDS, warmup_rounds=WARMUP_ROUNDS)
