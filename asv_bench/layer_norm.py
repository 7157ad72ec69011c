"""GB/s and time per point of the LayerNorm providers: the asv history graphs.

One harness sweep per asv run (``setup_cache``, a single process) measures every point
``REPEATS`` times; asv then starts one process per (method, point) (``launch_method: spawn``)
that only looks its point up. Those processes never import torch: the sweep axes below are
plain constants, kept equal to the harness's by tests/test_asv_suite.py.

Each ``track_*`` returns ``{"samples": [...], "number": 1}``, the shape asv's runner uses for
timing results, so asv stores the median as the value, its quartiles as error bars and, with
``--record-samples``, every sample (kernels/bench/compare.py derives its noise band from them).
Without CUDA every point is skipped (n/a).
"""

MODES = ("forward", "backward")
DTYPES = ("float32", "float16", "bfloat16")
NS = tuple(2**k for k in range(8, 16))  # 256 ... 32768, the harness's DEFAULT_NS
PROVIDERS = ("triton", "torch", "torch_compile", "copy")  # copy: the memory-bandwidth roof
REPEATS = 3  # harness samples per point and asv run
SWEEP_TIMEOUT_S = 3600  # the whole sweep, torch.compile warm-up included


def sweep():
    """Run the harness over every point: ``{"cuda": bool, "points": {...}}``.

    ``points`` maps ``(mode, dtype, N, provider)`` to ``{"status": str, "gbps": [...], "ms":
    [...]}``, plain Python values, so that unpickling the cache needs neither torch nor pandas.
    """
    import torch

    if not torch.cuda.is_available():
        return {"cuda": False, "points": {}}
    from kernels.bench import harness

    df = harness.run(
        shapes=[(harness.M, n) for n in NS],
        dtypes=DTYPES,
        modes=MODES,
        providers=PROVIDERS,
        repeats=REPEATS,
        progress=False,
    )
    points = {
        (str(mode), str(dtype), int(n), str(provider)): {
            "status": ",".join(sorted(set(map(str, group["status"])))),
            "gbps": [float(x) for x in group["gbps"]],
            "ms": [float(x) for x in group["ms"]],
        }
        for (mode, dtype, n, provider), group in df.groupby(["mode", "dtype", "N", "provider"])
    }
    return {"cuda": True, "points": points}


def point(cache, mode, dtype, n, provider):
    """The measurement of one point: skip (n/a) without CUDA, fail loudly if it did not run."""
    if not cache["cuda"]:
        raise NotImplementedError("no CUDA device: LayerNorm benchmarks are n/a")
    entry = cache["points"].get((mode, dtype, n, provider))
    if entry is None or entry["status"] != "ok":
        status = "not measured" if entry is None else entry["status"]
        raise RuntimeError(f"harness point {(mode, dtype, n, provider)}: {status}")
    return entry


def samples(cache, metric, *params):
    """One point's samples of ``metric`` in the form asv records as samples."""
    return {"samples": point(cache, *params)[metric], "number": 1}


class LayerNorm:
    """Triton vs torch eager vs torch.compile vs a plain copy, M = 4096 rows of N columns."""

    params = (MODES, DTYPES, NS, PROVIDERS)
    param_names = ("mode", "dtype", "N", "provider")

    def setup_cache(self):
        return sweep()

    setup_cache.timeout = SWEEP_TIMEOUT_S

    def setup(self, cache, mode, dtype, n, provider):
        point(cache, mode, dtype, n, provider)

    def track_gbps(self, cache, *params):
        return samples(cache, "gbps", *params)

    track_gbps.unit = "GB/s"

    def track_ms(self, cache, *params):
        return samples(cache, "ms", *params)

    track_ms.unit = "ms"
