"""The LayerNorm benchmark suite: one harness (``harness``), its CLI (``python -m kernels.bench``),
reports (``report``) and Chrome traces (``profile``). See docs/benchmarking.md."""

from .harness import (
    DEFAULT_NS,
    DTYPES,
    EXTENDED_SHAPES,
    MODES,
    PROVIDERS,
    Case,
    M,
    Measurement,
    bytes_moved,
    default_shapes,
    machine_info,
    measure,
    prepare,
    run,
    time_case,
)

__all__ = [
    "DEFAULT_NS",
    "DTYPES",
    "EXTENDED_SHAPES",
    "M",
    "MODES",
    "PROVIDERS",
    "Case",
    "Measurement",
    "bytes_moved",
    "default_shapes",
    "machine_info",
    "measure",
    "prepare",
    "run",
    "time_case",
]
