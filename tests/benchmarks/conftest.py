"""pytest-benchmark setup for the LayerNorm benchmarks: machine info, like-for-like comparison,
the cached harness baselines and the L2 flush.

Saved runs carry the GPU, driver, CUDA, torch and triton versions in their ``machine_info``;
``--benchmark-compare`` refuses a saved run measured on another GPU.
"""

import functools

import pytest
import torch

from kernels.bench import harness

GPU_KEYS = ("gpu", "driver", "cuda", "sm_count", "torch", "triton")
"""harness.machine_info() fields copied into pytest-benchmark's machine_info."""


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_update_machine_info(config, machine_info):
    """Add what a GPU timing depends on to the machine info saved with every run."""
    info = harness.machine_info()
    machine_info.update({key: info[key] for key in GPU_KEYS})


@pytest.hookimpl(optionalhook=True)
def pytest_benchmark_compare_machine_info(
    config, benchmarksession, machine_info, compared_benchmark
):
    """Comparing timings of different GPUs is meaningless: stop instead of only warning."""
    saved = compared_benchmark.get("machine_info", {}).get("gpu")
    if saved != machine_info.get("gpu"):
        raise pytest.UsageError(
            f"--benchmark-compare: the saved run was measured on GPU {saved!r}, this one is "
            f"{machine_info.get('gpu')!r}; compare runs of the same GPU only"
        )


@pytest.fixture(scope="session")
def measured():
    """The harness's measurement of ``provider`` at (mode, dtype, N), M = harness.M, on CUDA:
    every core provider of a point is measured once, at the point's first test, by
    ``harness.measure_point`` (the copy, the roofline, as the harness's sweep measures it)."""
    point = functools.cache(lambda mode, dtype, n: harness.measure_point(mode, harness.M, n, dtype))
    return lambda provider, mode, dtype, n: point(mode, dtype, n)[provider]


@pytest.fixture(scope="session")
def flush_l2():
    """A callable that evicts the L2 cache (``harness.flush_l2``) and waits for the GPU."""
    buffer = torch.empty(harness.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")

    def flush():
        harness.flush_l2(buffer)
        torch.cuda.synchronize()

    return flush
