"""Probe 162 (prepared in the thirty-fourth session, not run): where the forward's fixed cost a
call goes (entry 81: 0.7-2.1 us more than its copy at M = 4096; the 16-bit forward's 93-95%
misses at 2048-16384). On experiment162.diff (config.FWD_STAMPS: the inference forward's
programs stamp %globaltimer at their start, after the dependent-launch wait, and after their
stores, with their SM). Per point, 20 stamped calls as the harness times them (flush, GPU
sleep), medians (us):
  span         last program end - first program start
  launch       last program start - first start (programs wait for a free slot till then)
  tail         last end - last start (the grid's ramp-down once every program has started)
  program      median program's duration (p90 in brackets)
  per SM       most programs alive at once on one SM
  outside      harness time - span
beside probe 156's stamped Triton copy of the same bytes (16 KB a program: its span and
outside). Prediction: the forward's outside is the copy's (as the backward's, entry 83); its
tail is about one program's duration (1-3 us, against well under 1 us for the copy's 16 KB
programs) and accounts for most of the 0.7-2.1 us. Caveat: offline the stamps take bf16 4096
from 80 to 96 registers (5 programs a SM instead of 6; compile162.py); the probe prints the
harness time with and without them.
  git apply docs/perf/h200/thirty-fourth-session/prepared/experiment162.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/prepared/probe162.py"""

import os
import statistics
import sys

import torch
import triton

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from probe156 import COPY_BLOCK, _copy_stamped, stamped_spans  # noqa: E402

EPS = 1e-5
POINTS = [("bfloat16", 4096), ("float16", 2048), ("bfloat16", 8192), ("bfloat16", 16384)]
POINTS += [("float32", 4096), ("float32", 5120), ("float32", 32768)]


def stamped(on):
    cfg.FWD_STAMPS = on
    ln._forward_plans.clear()
    ln._compiled_kernels.clear()


def most_alive(starts, ends):
    events = sorted([(float(s), 1) for s in starts] + [(float(e), -1) for e in ends])
    alive = best = 0
    for _, step in events:
        alive += step
        best = max(best, alive)
    return best


def forward_lines(stamps):
    s = stamps.double() / 1e3
    start, end, sm = s[:, 0], s[:, 1], stamps[:, 2]
    dur = end - start
    per_sm = max(most_alive(start[sm == k], end[sm == k]) for k in sm.unique())
    return {
        "span": float(end.max() - start.min()),
        "launch": float(start.max() - start.min()),
        "tail": float(end.max() - start.max()),
        "program": float(dur.median()),
        "program p90": float(dur.quantile(0.9)),
        "per SM": per_sm,
    }


def point(dtype_name, n, m=4096):
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b = inp["x"], inp["weight"], inp["bias"]

    def call():
        return ln._forward(x, w, b, EPS, stats=False)[0]

    stamped(False)
    want = call()
    plain = statistics.median(h.cuda_times(call)) * 1e3
    stamped(True)
    assert torch.equal(call(), want), (dtype_name, n)
    lines = stamped_spans(call, lambda: forward_lines(ln.LAST_FWD_STAMPS.cpu()))
    timed = statistics.median(h.cuda_times(call)) * 1e3
    stamped(False)
    med = {k: statistics.median(line[k] for line in lines) for k in lines[0]}
    nbytes = h.bytes_moved("forward", m, n, dtype_name) // 2
    src = torch.randint(-(2**31), 2**31 - 1, (nbytes // 4,), dtype=torch.int32, device="cuda")
    dst = torch.empty_like(src)
    grid = (triton.cdiv(src.numel(), COPY_BLOCK),)
    copy_stamps = torch.empty((grid[0], 2), dtype=torch.int64, device="cuda")

    def copy():
        _copy_stamped[grid](src, dst, copy_stamps, src.numel(), BLOCK=COPY_BLOCK, PDL=False)

    copy()
    assert torch.equal(dst, src)
    copy_time = statistics.median(h.cuda_times(copy)) * 1e3
    copy_span = statistics.median(
        stamped_spans(copy, lambda: float(copy_stamps[:, 1].max() - copy_stamps[:, 0].min()) / 1e3)
    )
    torch_copy = statistics.median(h.cuda_times(lambda: dst.copy_(src))) * 1e3
    print(
        f"{dtype_name:8s} {n:5d}  harness {plain:.2f} us (stamped {timed:.2f})  "
        + "  ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in med.items())
        + f"  outside {timed - med['span']:.2f}  | Triton copy {copy_time:.2f}, span"
        f" {copy_span:.2f}, outside {copy_time - copy_span:.2f}; torch copy {torch_copy:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
