"""Probe 156: what of the backward's time at M = 4096 lies outside its kernels, against a copy's,
and whether its drain (probe 155: the row loops end 2.6-3.7 us apart with equal rows) follows
the SM or the rows. On experiment155.diff (thirty-third session's prepared/), applied first.

A. Per point, side by side (3 rounds, order rotated), harness.cuda_times medians (us):
   torch copy        dst.copy_(src) of bytes_moved/2 bytes (the harness's copy)
   triton copy       a Triton copy of the same bytes, 16 KB a program, each program stamping
                     %globaltimer at its start and after its store; "outside" = harness time -
                     (last end - first start), from 20 stamped calls as the harness times them
   triton copy pdl   the same launched as a programmatic dependent launch (gdc_wait first)
   ours              the backward, stamped; outside = harness - (last sum end - first rows start)
   ours no pdl       the same with config.DEPENDENT_LAUNCHES off
   Prediction: the copies' outside 2-3 us, ours 4.5-5 (probe 155): 1.5-2 us more, from the
   pipelined kernel's shared-memory carveout or the dependent launch.
B. bf16 4096 at M = 4096 and 65536: per program (SM, program id) its row loop's time over 20
   calls; the mean correlation between calls of the loop times by SM and by program id, the
   spread (max - min) of the per-SM means against the mean spread within a call.
   If by SM: some SMs stream slower every call (no static row split can know which).
  git apply docs/perf/h200/thirty-third-session/prepared/experiment155.diff
  PYTHONPATH=. python docs/perf/h200/thirty-fourth-session/probe156.py"""

import statistics

import torch
import triton
import triton.language as tl

from kernels import config as cfg
from kernels import layernorm as ln
from kernels.bench import harness as h

EPS, CALLS, COPY_BLOCK = 1e-5, 20, 4096  # int32 elements: 16 KB a program


@triton.jit
def _now():
    return tl.inline_asm_elementwise(
        "mov.u64 $0, %globaltimer;", "=l", [], dtype=tl.int64, is_pure=False, pack=1
    )


@triton.jit
def _copy_stamped(Src, Dst, Stamps, n, BLOCK: tl.constexpr, PDL: tl.constexpr):
    if PDL:
        tl.extra.cuda.gdc_wait()
    t0 = _now()
    pid = tl.program_id(0)
    offs = pid.to(tl.int64) * BLOCK + tl.arange(0, BLOCK)
    mask = offs < n
    tl.store(Dst + offs, tl.load(Src + offs, mask=mask), mask=mask)
    t1 = _now()
    tl.store(Stamps + pid.to(tl.int64) * 2, t0)
    tl.store(Stamps + pid.to(tl.int64) * 2 + 1, t1)


def stamped_backward(on, dependent=True):
    cfg.BWD_STAMPS = on
    cfg.DEPENDENT_LAUNCHES = dependent
    ln._backward_plans.clear()
    ln._compiled_kernels.clear()


def stamped_spans(call, spans_of):
    """Per call, as the harness times it: flush, GPU sleep, the call; spans_of() after it."""
    flush = torch.empty(h.L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")
    cycles = int(200e-3 * h._gpu_cycles_per_ms())
    out = []
    for _ in range(CALLS):
        h.flush_l2(flush)
        torch.cuda._sleep(cycles)
        call()
        torch.cuda.synchronize()
        out.append(spans_of())
    return out


def part_a(dtype_name, n, m):
    nbytes = h.bytes_moved("backward", m, n, dtype_name) // 2
    src = torch.randint(-(2**31), 2**31 - 1, (nbytes // 4,), dtype=torch.int32, device="cuda")
    dst = torch.empty_like(src)
    grid = (triton.cdiv(src.numel(), COPY_BLOCK),)
    stamps = torch.empty((grid[0], 2), dtype=torch.int64, device="cuda")

    def triton_copy(pdl):
        def call():
            opts = {"launch_pdl": True} if pdl else {}
            _copy_stamped[grid](src, dst, stamps, src.numel(), BLOCK=COPY_BLOCK, PDL=pdl, **opts)

        return call

    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b, dy = (inp[k] for k in ("x", "weight", "bias", "dy"))
    _, mean, rstd = ln._forward(x, w, b, EPS)

    def ours():
        return ln._backward(dy, x, w, mean, rstd, True, b.dtype)

    def copy_span():
        s = stamps.cpu()
        return float(s[:, 1].max() - s[:, 0].min()) / 1e3

    def ours_span():
        rows, sums = (t.cpu() for t in ln.LAST_STAMPS)
        return float(sums[:, 2].max() - rows[:, 0].min()) / 1e3

    stamped_backward(False)
    want = ours()
    variants = {
        "torch copy": (lambda: dst.copy_(src), None, None),
        "triton copy": (triton_copy(False), copy_span, None),
        "triton copy pdl": (triton_copy(True), copy_span, None),
        "ours": (ours, ours_span, True),
        "ours no pdl": (ours, ours_span, False),
    }
    for name in ("triton copy", "triton copy pdl"):
        dst.zero_()
        variants[name][0]()
        assert torch.equal(dst, src), name
    times = {k: [] for k in variants}
    spans = {k: [] for k in variants}
    names = list(variants)
    for r in range(3):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            call, span_of, dependent = variants[k]
            if dependent is not None:
                stamped_backward(True, dependent)
                got = call()
                assert all(map(torch.equal, got, want)), (k, dtype_name, n)
            times[k].append(statistics.median(h.cuda_times(call)) * 1e3)
            if span_of is not None:
                spans[k] += stamped_spans(call, span_of)
    stamped_backward(False)
    print(f"A {dtype_name:8s} N {n:5d} M {m:5d}  ({nbytes / 1e6:.1f} MB copied)", flush=True)
    for k in names:
        t = statistics.median(times[k])
        line = f"    {k:16s} harness {t:7.2f} us"
        if spans[k]:
            s = statistics.median(spans[k])
            line += f"  span {s:7.2f}  outside {t - s:5.2f}"
        print(line, flush=True)


def corr(a, b):
    return torch.corrcoef(torch.stack([a, b]))[0, 1].item()


def part_b(dtype_name, n, m):
    inp = h._random_inputs(m, n, dtype_name, torch.device("cuda"))
    x, w, b, dy = (inp[k] for k in ("x", "weight", "bias", "dy"))
    _, mean, rstd = ln._forward(x, w, b, EPS)
    stamped_backward(True)

    def loops():
        rows = ln.LAST_STAMPS[0].cpu()
        return rows[:, 1] - rows[:, 0], rows[:, 3]

    calls = stamped_spans(lambda: ln._backward(dy, x, w, mean, rstd, True, b.dtype), loops)
    stamped_backward(False)
    sms = int(max(int(s.max()) for _, s in calls)) + 1
    by_sm = torch.full((len(calls), sms), float("nan"), dtype=torch.float64)
    by_prog = torch.stack([t.double() for t, _ in calls])
    for i, (t, s) in enumerate(calls):
        by_sm[i, s.long()] = t.double()
    seen = ~by_sm.isnan().any(0)
    sm_t = by_sm[:, seen]
    pairs = [(i, j) for i in range(len(calls)) for j in range(i + 1, len(calls))]
    c_sm = statistics.mean(corr(sm_t[i], sm_t[j]) for i, j in pairs)
    c_prog = statistics.mean(corr(by_prog[i], by_prog[j]) for i, j in pairs)
    within = statistics.mean(float(t.max() - t.min()) for t, _ in calls) / 1e3
    sm_mean = sm_t.mean(0) / 1e3
    prog_mean = by_prog.mean(0) / 1e3
    same_sm = sum(bool((s == calls[0][1]).all()) for _, s in calls)
    print(
        f"B {dtype_name:8s} N {n:5d} M {m:6d}  programs {by_prog.shape[1]}, SMs always used "
        f"{int(seen.sum())}, calls with call 0's program->SM map {same_sm}/{len(calls)}\n"
        f"    loop mean {float(prog_mean.mean()):.2f} us, spread within a call {within:.2f}; "
        f"per-SM means spread {float(sm_mean.max() - sm_mean.min()):.2f}, per-program means "
        f"spread {float(prog_mean.max() - prog_mean.min()):.2f}\n"
        f"    correlation between calls: by SM {c_sm:.2f}, by program {c_prog:.2f}\n"
        f"    slowest SMs (mean us): "
        + " ".join(
            f"{int(i)}:{float(sm_mean[k]):.2f}"
            for k, i in [(k, seen.nonzero()[k, 0]) for k in sm_mean.argsort(descending=True)[:8]]
        )
        + "\n    fastest SMs: "
        + " ".join(
            f"{int(i)}:{float(sm_mean[k]):.2f}"
            for k, i in [(k, seen.nonzero()[k, 0]) for k in sm_mean.argsort()[:8]]
        ),
        flush=True,
    )


if __name__ == "__main__":
    for point in [("bfloat16", 4096, 4096), ("float32", 4096, 4096), ("bfloat16", 1024, 4096)]:
        part_a(*point)
    for point in [("bfloat16", 4096, 4096), ("bfloat16", 4096, 65536), ("float32", 4096, 4096)]:
        part_b(*point)
