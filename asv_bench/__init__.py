"""asv benchmarks of the LayerNorm kernel: the commit-by-commit GB/s history (docs/ci.md)."""
