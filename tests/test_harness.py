"""CPU tests of the benchmark harness (kernels.bench): the bytes model, the sweep lists, the
checks before timing, the DataFrame, the reports and the CLI (its no-GPU refusal and its smoke
run on the Triton interpreter). None of these numbers is a GPU measurement.
"""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
import torch.nn.functional as F
import triton
from packaging.version import Version

from kernels.bench import __main__ as bench_cli
from kernels.bench import harness, report
from kernels.bench.profile import TRACE_FILES, profile

ROOT = Path(__file__).resolve().parents[1]
TINY = (4, 256)  # (M, N): a few Triton programs on the interpreter


# ---- bytes model and sweep lists -------------------------------------------------------------
@pytest.mark.parametrize(("dtype", "s"), [("float32", 4), ("float16", 2), ("bfloat16", 2)])
def test_bytes_moved_formula(dtype, s):
    m, n = 4096, 1024
    forward = 2 * m * n * s + 2 * n * s + 2 * m * 4
    backward = 3 * m * n * s + 3 * n * s + 2 * m * 4
    assert harness.bytes_moved("forward", m, n, dtype) == forward
    assert harness.bytes_moved("backward", m, n, dtype) == backward
    assert harness.bytes_moved("forward_backward", m, n, dtype) == forward + backward


def test_bytes_moved_rejects_unknown_names():
    with pytest.raises(ValueError, match="unknown mode"):
        harness.bytes_moved("fwd", 1, 1, "float32")
    with pytest.raises(ValueError, match="unknown dtype"):
        harness.bytes_moved("forward", 1, 1, "float64")


def test_sweep_lists():
    assert harness.M == 4096
    assert harness.DEFAULT_NS == tuple(2**k for k in range(8, 16))
    assert harness.default_shapes() == [(4096, n) for n in harness.DEFAULT_NS]
    extended = harness.default_shapes(extended=True)
    assert extended == harness.EXTENDED_SHAPES
    assert set(harness.default_shapes()) < set(extended)
    for n in (768, 1536, 5120, 12288, 65536):
        assert (4096, n) in extended
    assert (1, 4096) in extended and (64, 4096) in extended
    assert len(extended) == len(set(extended)) == 8 + 5 + 2
    assert harness.DTYPES == ("float32", "float16", "bfloat16")
    assert harness.MODES == ("forward", "backward", "forward_backward")
    assert harness.PROVIDERS[:4] == ("triton", "torch", "torch_compile", "copy")
    assert set(harness.PROVIDERS[4:]) <= set(harness.OPTIONAL_PROVIDERS)


# ---- cases and measurements ------------------------------------------------------------------
@pytest.mark.parametrize("mode", harness.MODES)
def test_copy_moves_half_the_bytes_each_way(mode):
    case = harness.prepare("copy", mode, *TINY, "float16", device="cpu")
    dst = case.fn()
    assert dst.numel() * dst.element_size() * 2 == case.bytes
    assert case.bytes == harness.bytes_moved(mode, *TINY, "float16")


@pytest.mark.parametrize("dtype", harness.DTYPES)
@pytest.mark.parametrize("mode", harness.MODES)
def test_measure_triton_ok(mode, dtype):
    m = harness.measure("triton", mode, *TINY, dtype, device="cpu")
    assert m.status == "ok", m.status
    assert m.ms_min <= m.ms_quantiles[0] <= m.ms <= m.ms_quantiles[1] <= m.ms_max
    assert m.gbps == pytest.approx(harness.bytes_moved(mode, *TINY, dtype) / m.ms / 1e6)


def _counting(fn, calls):
    def layer_norm(*args):
        calls.append(args[0].shape)
        return fn(*args)

    return layer_norm


@pytest.mark.parametrize(("mode", "forwards_per_call"), [("backward", 0), ("forward_backward", 1)])
def test_backward_is_timed_without_the_forward(monkeypatch, mode, forwards_per_call):
    calls = []
    monkeypatch.setattr(harness, "provider_fn", lambda provider: _counting(F.layer_norm, calls))
    case = harness.prepare("torch", mode, *TINY, "float32", device="cpu")
    assert len(calls) == 1  # the forward that built the graph (and was checked)
    grads = case.fn()
    case.fn()
    assert len(calls) == 1 + 2 * forwards_per_call
    assert [g.shape for g in grads] == [torch.Size(TINY), torch.Size([256]), torch.Size([256])]


def test_inputs_are_random_and_shared_by_providers():
    a = harness._random_inputs(*TINY, "float32", torch.device("cpu"))
    b = harness._random_inputs(*TINY, "float32", torch.device("cpu"))
    for name, t in a.items():
        assert torch.equal(t, b[name])
        assert t.std() > 0.5, f"{name} is not random"


def test_wrong_provider_is_reported_and_not_timed(monkeypatch):
    def off_by_eps(x, shape, w, b, eps):
        return F.layer_norm(x, shape, w, b, eps) + 1e-2

    def timed(*args, **kwargs):
        raise AssertionError("a wrong provider must not be timed")

    monkeypatch.setattr(harness, "provider_fn", lambda provider: off_by_eps)
    monkeypatch.setattr(harness, "time_case", timed)
    m = harness.measure("torch", "forward", *TINY, "float32", device="cpu")
    assert m.status.startswith("wrong: torch forward y"), m.status
    assert math.isnan(m.ms) and math.isnan(m.gbps)


def test_wrong_gradient_is_reported(monkeypatch):
    class WrongBackward(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x, w, b):
            return F.layer_norm(x, (x.shape[-1],), w, b, harness.EPS)

        @staticmethod
        def backward(ctx, dy):
            return dy, dy.sum(0), dy.sum(0)  # dx and dweight are wrong

    monkeypatch.setattr(
        harness, "provider_fn", lambda p: lambda x, s, w, b, eps: WrongBackward.apply(x, w, b)
    )
    m = harness.measure("torch", "backward", *TINY, "float32", device="cpu")
    assert m.status.startswith("wrong: torch backward dx"), m.status


def test_failing_and_unavailable_providers(monkeypatch):
    def broken(*args):
        raise RuntimeError("no kernel image")

    monkeypatch.setattr(harness, "OPTIONAL_PROVIDERS", {"liger": "no_such_module_for_tests"})
    assert harness.measure("liger", "forward", *TINY, "float32", device="cpu").status == (
        "skipped: no_such_module_for_tests is not installed"
    )
    monkeypatch.setattr(harness, "provider_fn", lambda provider: broken)
    failed = harness.measure("torch", "forward", *TINY, "float32", device="cpu")
    assert failed.status == "error: RuntimeError: no kernel image"
    # Its sweep row has every column, NaN times included (a GPU run crashed here once).
    row = harness._row(failed, rep=0)
    assert math.isnan(row["ms"]) and all(
        math.isnan(row[f"ms_p{round(q * 100):02d}"]) for q in harness.QUANTILES
    )
    with pytest.raises(ValueError, match="unknown provider"):
        harness.measure("cudnn", "forward", *TINY, "float32", device="cpu")


def test_torch_compile_compiles_and_checks():
    m = harness.measure("torch_compile", "forward_backward", *TINY, "float16", device="cpu")
    assert m.status == "ok", m.status


def test_torch_compile_raises_recompile_limits():
    harness.provider_fn("torch_compile")
    config = torch._dynamo.config
    assert config.recompile_limit >= harness.COMPILE_RECOMPILE_LIMIT
    assert config.accumulated_recompile_limit >= harness.COMPILE_RECOMPILE_LIMIT


def test_torch_compile_silent_eager_is_an_error(monkeypatch):
    monkeypatch.setattr(harness, "_compiled_layer_norm", lambda: F.layer_norm)  # never compiles
    monkeypatch.setattr(harness, "_COMPILED_KEYS", set())
    m = harness.measure("torch_compile", "forward", 3, 128, "float32", device="cpu")
    assert m.status.startswith("error: CompileFallbackError: torch.compile compiled no graph")
    assert math.isnan(m.ms)


def test_torch_compile_disabled_dynamo_is_an_error(monkeypatch):
    monkeypatch.setattr(harness, "_COMPILED_KEYS", set())
    harness._compiled_layer_norm.cache_clear()
    try:
        with torch._dynamo.config.patch(disable=True):
            m = harness.measure("torch_compile", "forward", 3, 128, "float32", device="cpu")
    finally:
        harness._compiled_layer_norm.cache_clear()
    # recent torch refuses itself (fullgraph=True); older torch runs eager and the harness refuses
    assert m.status.startswith("error: "), m.status


# ---- the sweep DataFrame ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def sweep() -> pd.DataFrame:
    return harness.run(
        [TINY, (4, 512)],
        dtypes=("float32", "bfloat16"),
        modes=("forward", "backward"),
        providers=("triton", "torch", "copy"),
        repeats=2,
        progress=False,
        device="cpu",
    )


def test_run_dataframe(sweep):
    columns = ["mode", "dtype", "M", "N", "provider", "rep", "ms", "ms_min", "ms_max"]
    columns += ["gbps", "bytes", "pct_copy", "speedup_vs_torch", "status", "ms_p20", "ms_p80"]
    assert set(columns) <= set(sweep.columns)
    assert len(sweep) == 2 * 2 * 2 * 2 * 3  # shapes x dtypes x modes x reps x providers
    assert (sweep["status"] == "ok").all(), sweep["status"].unique()
    counts = sweep.groupby(["mode", "dtype", "M", "N", "provider"]).size()
    assert (counts == 2).all()
    # repeats are interleaved: the whole sweep once per rep, not a point twice back to back
    assert sweep["rep"].is_monotonic_increasing
    assert sweep["bytes"].tolist() == [
        harness.bytes_moved(r.mode, r.M, r.N, r.dtype) for r in sweep.itertuples()
    ]
    assert sweep.attrs["machine"]["torch"] == torch.__version__
    assert sweep.attrs["device"] == "cpu"


def test_relative_columns(sweep):
    copy = sweep[sweep["provider"] == "copy"]
    assert copy["pct_copy"].tolist() == pytest.approx([100.0] * len(copy))
    torch_rows = sweep[sweep["provider"] == "torch"]
    assert torch_rows["speedup_vs_torch"].tolist() == pytest.approx([1.0] * len(torch_rows))
    point = ["mode", "dtype", "M", "N", "rep"]
    row = sweep[sweep["provider"] == "triton"].iloc[0]
    same = (sweep[point] == row[point]).all(axis=1)
    base = sweep[same].set_index("provider")
    assert row["pct_copy"] == pytest.approx(100 * row["gbps"] / base.loc["copy", "gbps"])
    assert row["speedup_vs_torch"] == pytest.approx(base.loc["torch", "ms"] / row["ms"])


def test_a_point_measures_each_provider_once_in_order(monkeypatch):
    calls = []

    def fake_measure(provider, mode, M, N, dtype, *, device):
        calls.append((N, provider))
        ms = {"copy": 1.0, "triton": 4.0}[provider]
        return harness.Measurement(provider, mode, M, N, dtype, 8, "ok", ms, ms, ms, (), ())

    monkeypatch.setattr(harness, "measure", fake_measure)
    shapes = [(1, 256), (1, 512)]
    df = harness.run(shapes, ("float32",), ("forward",), ("triton", "copy"), progress=False)
    assert calls == [(256, "triton"), (256, "copy"), (512, "triton"), (512, "copy")]
    assert df[df["provider"] == "triton"]["pct_copy"].tolist() == [25.0, 25.0]
    done = []
    providers = ("copy", "triton")
    point = harness.measure_point("forward", 1, 256, "float32", providers, done=done.append)
    assert list(point) == done == ["copy", "triton"]
    with pytest.raises(ValueError, match="repeat"):
        harness.measure_point("forward", 1, 256, "float32", ("copy", "triton", "copy"))


def test_rotated_rounds_rotate_the_order_and_keep_each_rounds_median():
    calls = []

    def times(fn):
        calls.append(fn())
        return [3.0, 1.0, 2.0] if fn() == "a" else [5.0]

    fns = {"a": lambda: "a", "b": lambda: "b", "c": lambda: "c"}
    medians = harness.rotated_rounds(fns, 4, times)
    assert calls == list("abcbcacababc")  # rounds abc, bca, cab, abc
    assert medians == {"a": [2.0] * 4, "b": [5.0] * 4, "c": [5.0] * 4}
    with pytest.raises(ValueError, match="nothing to time"):
        harness.rotated_rounds({"a": lambda: "a"}, 0, times)


def test_flush_l2_zeroes_its_buffer(device):
    buffer = torch.arange(3 * 4096 + 5, dtype=torch.int32, device=device)  # a partial last block
    harness.flush_l2(buffer)
    assert not buffer.any()


def test_relative_columns_without_baselines():
    df = pd.DataFrame(
        [dict(mode="forward", dtype="float32", M=1, N=2, provider="triton", rep=0, ms=1.0,
              gbps=5.0, status="ok")]
    )  # fmt: skip
    out = harness.add_relative_columns(df)
    assert math.isnan(out["pct_copy"][0]) and math.isnan(out["speedup_vs_torch"][0])


def test_machine_info_without_gpu():
    info = harness.machine_info()
    for key in ("gpu", "driver", "cuda", "torch", "triton", "python", "hostname", "sm_count"):
        assert key in info
    if not torch.cuda.is_available():
        assert info["gpu"] is None and info["sm_count"] is None


# ---- reports ---------------------------------------------------------------------------------
def test_reports(sweep, tmp_path):
    table = report.format_table(sweep)
    assert "NOT a GPU measurement" in table
    assert list(report.wide_table(sweep).columns) == ["triton", "torch", "copy"]
    paths = report.write_report(sweep, tmp_path)
    names = {p.name for p in paths}
    assert {"results.csv", "machine.json", "summary.md"} <= names
    assert {
        f"gbps_{m}_{d}.png" for m in ("forward", "backward") for d in ("float32", "bfloat16")
    } <= names
    assert all(p.stat().st_size > 0 for p in paths)
    md = (tmp_path / "summary.md").read_text()
    assert "NOT a GPU measurement" in md and "## backward" in md
    assert json.loads((tmp_path / "machine.json").read_text())["torch"] == torch.__version__
    assert len(pd.read_csv(tmp_path / "results.csv")) == len(sweep)


def test_failures_are_listed(sweep):
    bad = sweep.copy()
    bad.loc[bad.index[0], "status"] = "wrong: triton forward y: off"
    assert "WRONG" in report.format_table(bad)
    assert "## Not measured" in report.to_markdown(bad)


def test_profile_writes_chrome_traces(tmp_path):
    traces = profile(*TINY, "float32", "forward_backward", tmp_path, device="cpu")
    assert {p: t.path.name for p, t in traces.items()} == TRACE_FILES
    for trace in traces.values():
        assert json.loads(trace.path.read_text())["traceEvents"]


# ---- CLI -------------------------------------------------------------------------------------
def _cli(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "kernels.bench", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_refuses_without_gpu():
    result = _cli("--dtypes", "float16", CUDA_VISIBLE_DEVICES="")
    assert result.returncode == 2
    assert "no CUDA device" in result.stderr and "--smoke" in result.stderr


def test_cli_rejects_bad_arguments():
    assert _cli("--dtypes", "float64").returncode == 2
    assert _cli("--repeats", "0").returncode == 2


@pytest.mark.parametrize(
    "argv, shapes",
    [
        ([], harness.default_shapes()),
        (["--extended"], harness.EXTENDED_SHAPES),
        (["--ns", "768", "4096"], [(4096, 768), (4096, 4096)]),
        (["--rows", "65536"], [(65536, n) for n in harness.DEFAULT_NS]),
        (["--rows", "8", "--ns", "1024"], [(8, 1024)]),
        (["--smoke"], list(harness.SMOKE_SHAPES)),
    ],
)
def test_cli_shapes(argv, shapes):
    assert bench_cli._shapes(bench_cli.parse_args(argv), harness) == shapes


@pytest.mark.parametrize(
    "argv", [["--rows", "0"], ["--rows", "64", "--extended"], ["--rows", "64", "--smoke"]]
)
def test_cli_rejects_rows_it_cannot_use(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench_cli.parse_args(argv)
    assert exit_info.value.code == 2
    assert "--rows" in capsys.readouterr().err


# Triton 3.6's interpreter calls int() on the 1-element array holding a scalar argument (a loop
# bound), which NumPy 2.5 refuses; Triton 3.9 squeezes it first. Seen on the GPU image (Triton
# 3.6.0, NumPy 2.5.2): the kernels cannot run on the interpreter there, only on the GPU.
interpreter_runs_kernels = pytest.mark.skipif(
    Version(triton.__version__) < Version("3.9") and Version(np.__version__) >= Version("2.5"),
    reason=f"Triton {triton.__version__}'s interpreter fails with NumPy {np.__version__}",
)


@interpreter_runs_kernels
def test_cli_smoke_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    result = subprocess.run(
        [sys.executable, "-m", "kernels.bench", "--smoke", "--providers", "triton", "torch",
         "copy", "--no-progress", "--out", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("NOT a GPU measurement") >= 2
    assert "Elapsed:" in result.stdout
    df = pd.read_csv(tmp_path / "results.csv")
    assert (df["status"] == "ok").all()
    assert len(df) == len(harness.SMOKE_SHAPES) * 3 * 3 * 3
    assert len(list(tmp_path.glob("gbps_*.png"))) == 9


@interpreter_runs_kernels
def test_cli_smoke_profile(tmp_path):
    result = _cli("--smoke", "--profile", "4", "256", "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert {p.name for p in tmp_path.iterdir()} == set(TRACE_FILES.values())


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_measure_on_gpu():
    m = harness.measure("triton", "forward_backward", 256, 1024, "float16", device="cuda")
    assert m.status == "ok", m.status
    assert 0 < m.gbps < 10_000
