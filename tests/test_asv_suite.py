"""The asv suite (asv.conf.json, asv_bench/) is well-formed and skips cleanly without CUDA.

CPU only, well under a minute: asv's own check, one real ``asv run`` of one point (n/a here),
and one real ``asv run`` of a stand-in benchmark proving that asv records our samples.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("asv", reason="asv is not installed (pip install -e .[bench])")

from asv_bench import layer_norm, machine  # noqa: E402
from kernels.bench import compare, harness  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CONF = json.loads((ROOT / "asv.conf.json").read_text())
ONE_POINT = r"LayerNorm.track_gbps\('forward', 'float16', 4096, 'triton'\)"


def asv(*args, cwd=ROOT, home: Path) -> subprocess.CompletedProcess:
    """Run asv (this Python's) with its machine file under ``home``; fail on a non-zero exit."""
    env = dict(
        os.environ,
        HOME=str(home),
        ASV_PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [sys.executable, "-m", "asv", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 0, f"asv {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def register_machine(home: Path, name: str) -> None:
    """A non-interactive asv machine entry under ``home``."""
    from asv.machine import Machine, MachineCollection

    info = dict(Machine.get_defaults(), machine=name, gpu="cpu")
    MachineCollection.save(name, info, _path=str(home / ".asv-machine.json"))


def test_sweep_axes_match_the_harness():
    assert layer_norm.NS == harness.DEFAULT_NS
    assert layer_norm.DTYPES == harness.DTYPES
    assert set(layer_norm.MODES) <= set(harness.MODES)
    assert set(layer_norm.PROVIDERS) == set(harness.CORE_PROVIDERS)
    assert layer_norm.LayerNorm.params == (
        layer_norm.MODES, layer_norm.DTYPES, layer_norm.NS, layer_norm.PROVIDERS
    )  # fmt: skip


def test_units():
    assert layer_norm.LayerNorm.track_gbps.unit == "GB/s"
    assert layer_norm.LayerNorm.track_ms.unit == "ms"
    assert compare.ASV_BENCHMARKS == {
        "gbps": "LayerNorm.track_gbps",
        "ms": "LayerNorm.track_ms",
    }


def test_config_keeps_results_out_of_main():
    assert CONF["environment_type"] == "existing"
    assert CONF["launch_method"] == "spawn"
    assert CONF["benchmark_dir"] == "asv_bench"
    for key in ("results_dir", "html_dir", "env_dir"):
        ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", CONF[key]])
        assert ignored.returncode == 0, f"{key} {CONF[key]} is not git-ignored"


def test_benchmark_module_does_not_import_torch():
    """asv starts a process per point and method: those must stay light."""
    code = "import sys, asv_bench.layer_norm; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_machine_name_carries_the_gpu():
    assert machine.machine_name("gpu-01", "NVIDIA H100 80GB HBM3") == "gpu-01-NVIDIA-H100-80GB-HBM3"


def test_asv_check(tmp_path):
    out = asv("check", "--python=same", home=tmp_path).stdout
    assert "No problems found" in out


def test_one_point_is_na_without_cuda(tmp_path):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is present: the point would really be measured")
    register_machine(tmp_path, "ci-cpu")
    proc = asv(
        "run", "--python=same", "--dry-run", "--set-commit-hash", "HEAD", "--machine", "ci-cpu",
        "--show-stderr", "--bench", ONE_POINT, home=tmp_path,
    )  # fmt: skip
    assert "no CUDA device: LayerNorm benchmarks are n/a" in proc.stdout
    assert "failed" not in proc.stdout


STAND_IN = """
class LayerNorm:
    params = (["forward"], ["float16"], [4096], ["triton"])
    param_names = ("mode", "dtype", "N", "provider")

    def track_gbps(self, *params):
        return {"samples": [2000.0, 1990.0, 2010.0], "number": 1}

    track_gbps.unit = "GB/s"
"""


def test_asv_records_the_samples_compare_reads(tmp_path):
    """A track_* returning {"samples": [...], "number": 1} is stored as median + samples."""
    repo = tmp_path / "repo"
    (repo / "asv_bench").mkdir(parents=True)
    (repo / "asv_bench" / "__init__.py").write_text("")
    (repo / "asv_bench" / "layer_norm.py").write_text(textwrap.dedent(STAND_IN))
    (repo / "asv.conf.json").write_text((ROOT / "asv.conf.json").read_text())
    identity = ["-c", "user.name=t", "-c", "user.email=t@t"]
    for args in (["init", "-q", "-b", "main"], ["add", "."], [*identity, "commit", "-qm", "x"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True)
    register_machine(tmp_path, "ci-cpu")
    asv("run", "--python=same", "--set-commit-hash", "HEAD", "--machine", "ci-cpu",
        "--record-samples", cwd=repo, home=tmp_path)  # fmt: skip
    (path,) = (repo / ".asv" / "results" / "ci-cpu").glob("*-existing-*.json")
    result = compare.load_file(path)
    assert result.machine["gpu"] == "cpu"
    assert sorted(result.samples["value"]) == [1990.0, 2000.0, 2010.0]
    stored = json.loads(path.read_text())["results"]["layer_norm.LayerNorm.track_gbps"]
    assert stored[0] == [2000.0]  # the median is the value asv graphs
