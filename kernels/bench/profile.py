"""Chrome traces of one shape: the Triton kernel and PyTorch eager, side by side.

``python -m kernels.bench --profile M N`` writes ``triton_profile.json`` and
``pytorch_profile.json``; open them in https://ui.perfetto.dev (or chrome://tracing).
The cases are built by ``harness.prepare``, so they are checked against the reference first and
run exactly the call that the benchmarks time.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import torch
from torch.profiler import ProfilerActivity, record_function

from .harness import prepare

TRACE_FILES = {"triton": "triton_profile.json", "torch": "pytorch_profile.json"}
PROFILE_WARMUP_CALLS = 3
"""Untraced calls first: Triton compilation and the caching allocator stay out of the trace."""
PROFILE_CALLS = 5


class Trace(NamedTuple):
    path: Path
    top_kernels: str
    """The profiler's table of the most expensive ops and kernels."""


def _activities(device: torch.device) -> list[ProfilerActivity]:
    return [ProfilerActivity.CPU] + ([ProfilerActivity.CUDA] if device.type == "cuda" else [])


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def profile(
    M: int,
    N: int,
    dtype: str = "float16",
    mode: str = "forward_backward",
    out_dir: Path | str = "bench-out",
    *,
    device="cuda",
) -> dict[str, Trace]:
    """Trace ``PROFILE_CALLS`` calls of each provider in ``TRACE_FILES`` at one shape.

    Returns ``{provider: Trace}``; each call is wrapped in a
    ``record_function`` range named after the provider, mode, dtype and shape.
    """
    device = torch.device(device)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sort_by = "cuda_time_total" if device.type == "cuda" else "cpu_time_total"
    traces = {}
    for provider, filename in TRACE_FILES.items():
        case = prepare(provider, mode, M, N, dtype, device=device)
        for _ in range(PROFILE_WARMUP_CALLS):
            case.fn()
        _synchronize(device)
        with torch.profiler.profile(activities=_activities(device)) as prof:
            for i in range(PROFILE_CALLS):
                with record_function(f"{provider} {mode} {dtype} {M}x{N} #{i}"):
                    case.fn()
            _synchronize(device)
        path = out_dir / filename
        prof.export_chrome_trace(str(path))
        traces[provider] = Trace(path, prof.key_averages().table(sort_by=sort_by, row_limit=8))
    return traces
