"""Probe 155 (prepared in the thirty-third session, not run): where the backward's fixed cost a
call goes (entry 81: 6-8 us more than the copy at M = 4096 while streaming at its rate). On
experiment155.diff (config.BWD_STAMPS: the rows kernel stamps %globaltimer at its start, after
its row loop and at its end, with its SM; the partial-row sum at its launch, after its
dependent-launch wait and at its end). For each point, 20 calls, each after flush_l2 and a GPU
sleep as the harness times them; per call, relative to the first rows program's start (us):
  rows start spread   max - min of the programs' starts (the launch's ramp)
  loop                median program's row loop (start to loop end)
  loop-end spread     max - min of the loop ends (the drain's imbalance)
  epilogue            median loop end to program end (partial rows summed and stored)
  rows span           last program end - first start
  sum wait            first sum program past its wait - last rows program end
  sum span            last sum end - first sum start past the wait
then the medians over the calls, the timer's smallest step seen, and the harness time of the
call with and without the stamps (they should not move it by more than the noise; the
stamp buffers are torch.empty, no fill kernel).
Prediction (entry 81): rows start spread and loop-end spread 1-2 us each, epilogue < 0.5 us,
sum wait ~1 us, sum span ~1 us; rows span ~ the copy's kernel time + 3 us.
  git apply docs/perf/h200/thirty-third-session/prepared/experiment155.diff
  PYTHONPATH=. python docs/perf/h200/thirty-third-session/prepared/probe155.py"""

import statistics

import torch

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h

POINTS = [("bfloat16", 4096, 4096), ("float32", 4096, 4096), ("bfloat16", 8192, 4096)]
POINTS += [("bfloat16", 1024, 4096), ("bfloat16", 4096, 65536)]
CALLS, EPS = 20, 1e-5


def stamped(on):
    cfg.BWD_STAMPS = on
    ln._backward_plans.clear()
    ln._compiled_kernels.clear()


def timeline(call, flush, sleep_cycles):
    h.flush_l2(flush)
    torch.cuda._sleep(sleep_cycles)
    call()
    torch.cuda.synchronize()
    rows, sums = (t.cpu() for t in ln.LAST_STAMPS)
    t0 = rows[:, 0].min()
    us = lambda t: float(t) / 1e3  # noqa: E731
    return {
        "rows start spread": us(rows[:, 0].max() - t0),
        "loop": us((rows[:, 1] - rows[:, 0]).median()),
        "loop-end spread": us(rows[:, 1].max() - rows[:, 1].min()),
        "epilogue": us((rows[:, 2] - rows[:, 1]).median()),
        "rows span": us(rows[:, 2].max() - t0),
        "sum wait": us(sums[:, 1].min() - rows[:, 2].max()),
        "sum span": us(sums[:, 2].max() - sums[:, 1].min()),
        "sum launched before rows end": us(rows[:, 2].max() - sums[:, 0].min()),
        "SMs": len(set(rows[:, 3].tolist())),
        "step": min((d for d in torch.diff(rows[:, 0].sort().values).tolist() if d > 0), default=0),
    }


def point(dtype_name, n, m):
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b, dy = (inp[k] for k in ("x", "weight", "bias", "dy"))
    _, mean, rstd = ln._forward(x, w, b, EPS)

    def call():
        return ln._backward(dy, x, w, mean, rstd, True, b.dtype)

    stamped(False)
    want = call()
    stamped(True)
    got = call()
    assert all(map(torch.equal, got, want)), (dtype_name, n, m)  # the stamps change nothing else
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    cycles = int(200e-3 * h._gpu_cycles_per_ms())  # 200 us: the host has enqueued the call
    lines = [timeline(call, flush, cycles) for _ in range(CALLS)]
    summary = {k: statistics.median(line[k] for line in lines) for k in lines[0]}
    times = {}
    for on in (False, True):
        stamped(on)
        times[on] = statistics.median(h.cuda_times(call)) * 1e3
    stamped(False)
    print(
        f"{dtype_name:8s} {n:5d} M {m:6d}  "
        + "  ".join(
            f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in summary.items()
        )
        + f"  | harness {times[False]:.2f} us, stamped {times[True]:.2f} us",
        flush=True,
    )


if __name__ == "__main__":
    for dtype_name, n, m in POINTS:
        point(dtype_name, n, m)
