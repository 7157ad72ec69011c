"""The published asv site renders the GB/s history in a real browser (headless Chromium).

A temporary git repository gets this project's asv.conf.json and asv_bench/, three commits and,
for each, a result file written with asv's own ``Results`` API (asv's real format). Where
tests/data/asv-results/ holds results brought back from a GPU run (it does: ``nox --no-venv
--no-install -s bench`` on an NVIDIA H100 for commit 9d4db604), those are published instead.
``asv publish`` builds the site; it is served on 127.0.0.1 and Chromium loads the GB/s graph of
one benchmark. asv's page loads jQuery/Flot/Bootstrap from CDNs; without network the served copy
points those URLs at tests/data/asv-vendor/ (see its README).
"""

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
pytestmark = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason=f"headless Chromium not found at {CHROMIUM} (Debian: apt-get install chromium; "
    ".ci/run installs it when run as root)",
)
pytest.importorskip("asv", reason="asv is not installed (pip install -e .[bench])")
image = pytest.importorskip("matplotlib.image", reason="matplotlib reads the screenshot")

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
VENDOR = DATA / "asv-vendor"
REAL_RESULTS = DATA / "asv-results"
BENCHMARK = "layer_norm.LayerNorm.track_gbps"
GRAPH = f"#{BENCHMARK}?x-axis=N&p-mode='forward'&p-dtype='float16'"
"""GB/s against N for forward float16: lines even when the results hold a single commit."""
GPU = "NVIDIA H100 80GB HBM3"
MACHINE = "ci-NVIDIA-H100-80GB-HBM3"
GBPS = {"triton": 2600.0, "torch": 1500.0, "torch_compile": 2200.0, "copy": 3000.0}
WINDOW = (1280, 800)
RENDER_BUDGET_MS = 15000
"""Chromium's virtual-time budget for scripts and data to load and the plot to draw."""


def run(*args, cwd, home, **env):
    """Run a command with ``HOME`` (asv's machine file) under ``home``; fail loudly."""
    full_env = dict(os.environ, HOME=str(home), **env)
    proc = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True)
    assert proc.returncode == 0, f"{' '.join(map(str, args))}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def make_repo(path: Path, home: Path, commits: int = 3) -> list[str]:
    """A git repo with the asv config and suite and ``commits`` commits a day apart."""
    path.mkdir()
    shutil.copy(ROOT / "asv.conf.json", path)
    shutil.copytree(ROOT / "asv_bench", path / "asv_bench", ignore=shutil.ignore_patterns("__py*"))
    run("git", "init", "-q", "-b", "main", cwd=path, home=home)
    run("git", "add", ".", cwd=path, home=home)
    hashes = []
    for day in range(commits):
        date = f"2026-01-{day + 1:02d}T12:00:00"
        run("git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
            "-m", f"commit {day}", cwd=path, home=home, GIT_AUTHOR_DATE=date,
            GIT_COMMITTER_DATE=date)  # fmt: skip
        hashes.append(run("git", "rev-parse", "HEAD", cwd=path, home=home).strip())
    return hashes


def discover(repo: Path, home: Path) -> dict:
    """Register the machine and let asv discover the suite (benchmarks.json, machine.json)."""
    from asv.machine import Machine, MachineCollection

    info = dict(Machine.get_defaults(), machine=MACHINE, gpu=GPU)
    MachineCollection.save(MACHINE, info, _path=str(home / ".asv-machine.json"))
    run(sys.executable, "-m", "asv", "run", "--python=same", "--set-commit-hash", "HEAD",
        "--machine", MACHINE, "--bench", "just-discover", cwd=repo, home=home)  # fmt: skip
    return json.loads((repo / ".asv" / "results" / "benchmarks.json").read_text())


def synthetic_value(metric: str, params: tuple, step: int) -> float:
    """A plausible GB/s (or ms) for one point; triton gets 5 % faster every commit."""
    mode, dtype, n, provider = (json.loads(p.replace("'", '"')) for p in params)
    gbps = GBPS[provider] * min(1.0, n / 4096) ** 0.3 * (1 + 0.05 * step * (provider == "triton"))
    return gbps if metric == "gbps" else 4096 * n * 4 / gbps / 1e6


def write_results(repo: Path, commits: list[str], benchmarks: dict) -> None:
    """One asv result file per commit, through asv's own Results API, samples included."""
    import itertools

    from asv.results import Results
    from asv.runner import BenchmarkResult

    machine = json.loads((repo / ".asv" / "results" / MACHINE / "machine.json").read_text())
    machine.pop("version")
    for step, commit in enumerate(commits):
        results = Results(dict(machine, python="3.12"), {}, commit, 1767268800000 + step * 86400000,
                          "3.12", "existing-py_usr_bin_python3", {})  # fmt: skip
        for metric in ("gbps", "ms"):
            bench = benchmarks[f"layer_norm.LayerNorm.track_{metric}"]
            values = [synthetic_value(metric, p, step) for p in itertools.product(*bench["params"])]
            samples = [[v * 0.99, v, v * 1.01] for v in values]
            outcome = BenchmarkResult(values, samples, [1] * len(values), 0, "", None)
            results.add_result(bench, outcome, record_samples=True)
        results.save(str(repo / ".asv" / "results"))


def offline_copy(html: Path, dest: Path) -> Path:
    """A copy of the built site whose CDN scripts and styles load from VENDOR."""
    shutil.copytree(html, dest)
    shutil.copytree(VENDOR, dest / "vendor")
    index = dest / "index.html"
    page = index.read_text()
    page = re.sub(r'(src|href)="https://[^"]*/([^/"]+)"', r'\1="vendor/\2"', page)
    page = re.sub(r'\s(integrity|crossorigin|referrerpolicy)="[^"]*"', "", page)
    missing = [m for m in re.findall(r'"vendor/([^"]+)"', page) if not (VENDOR / m).exists()]
    assert not missing, f"asv's page needs files that tests/data/asv-vendor lacks: {missing}"
    index.write_text(page)
    return dest


@contextlib.contextmanager
def serve(root: Path):
    """Serve ``root`` on an ephemeral 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chromium(tmp: Path, *args: str) -> str:
    """Run headless Chromium with no network beyond localhost, a throwaway profile; stdout."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--virtual-time-budget={RENDER_BUDGET_MS}",
        *args,
    ]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, f"chromium failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return proc.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The built asv site (offline copy) of tests/data/asv-results or of synthetic results."""
    tmp = tmp_path_factory.mktemp("asv-site")
    home, repo = tmp / "home", tmp / "repo"
    home.mkdir()
    commits = make_repo(repo, home)
    benchmarks = discover(repo, home)
    if REAL_RESULTS.is_dir():
        shutil.rmtree(repo / ".asv" / "results")
        shutil.copytree(REAL_RESULTS, repo / ".asv" / "results")
        retarget_real_results(repo / ".asv" / "results", commits[-1])
    else:
        write_results(repo, commits, benchmarks)
    run(sys.executable, "-m", "asv", "publish", cwd=repo, home=home)
    return offline_copy(repo / ".asv" / "html", tmp / "site")


def retarget_real_results(results: Path, commit: str) -> None:
    """Record GPU results of a commit this temporary repo lacks as its HEAD (asv needs it)."""
    for path in results.glob("*/*-*.json"):
        if path.name == "machine.json":
            continue
        data = json.loads(path.read_text())
        data["commit_hash"] = commit
        path.unlink()
        path.with_name(f"{commit[:8]}-{path.name.split('-', 1)[1]}").write_text(json.dumps(data))


def test_graph_page_has_the_plot(site, tmp_path):
    with serve(site) as url:
        dom = chromium(tmp_path, "--dump-dom", url + GRAPH)
    graph = dom[dom.index('id="main-graph"') :]
    assert re.search(r'<canvas class="flot-base" width="[1-9]', graph), "no Flot plot drawn"
    legend = re.findall(r'class="legendLabel">([^<]*)<', graph)
    assert legend and all("mode-forward" in s and "dtype-float16" in s for s in legend), legend
    unit = json.loads((site / "index.json").read_text())["benchmarks"][BENCHMARK]["unit"]
    assert unit == "GB/s"


def test_graph_screenshot_is_not_blank(site, tmp_path):
    shot = tmp_path / "graph.png"
    with serve(site) as url:
        chromium(tmp_path, f"--screenshot={shot}", url + GRAPH)
    pixels = image.imread(shot)[..., :3]
    assert pixels.shape[:2] == (WINDOW[1], WINDOW[0])
    plot_area = pixels[100:, 220:]  # right of the parameter menu, below the navbar
    coloured = (plot_area.max(axis=-1) - plot_area.min(axis=-1)) > 0.2  # lines, not grey/white
    assert coloured.mean() > 0.002, f"plot area looks blank ({coloured.mean():.4%} coloured)"
    dark = plot_area.max(axis=-1) < 0.5  # axes, ticks, labels
    assert dark.mean() > 0.002, f"no axes or labels drawn ({dark.mean():.4%} dark)"
