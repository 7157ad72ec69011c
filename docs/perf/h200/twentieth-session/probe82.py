"""Probe 82 (twentieth session): bf16 upcast by its bits in every kernel (layernorm._f32).

Offline sm_90 SASS (Triton 3.6): the compiler converts the odd bf16 of a packed pair with a
PRMT and a SHF, the even one with a SHF; a bf16 is the top half of an fp32, so (bits << 16)
needs one SHF or one AND (LLVM folds the odd element's shift pair into an AND). bf16 8192's
streamed forward: 728 -> 688 instructions a thread and 40 -> 32 registers (bf16 32768: 49 ->
32, two 1024-thread programs a SM again); fp16 unchanged (one HADD2.F32 an element).
Prediction: bf16 forward +1 to +3 points of copy where the kernel is near the issue rate
(streamed 8192-32768, whole rows 2048-4096), less elsewhere; backward unknown (its 16-bit rows
do not differ by dtype). Results must be bitwise those of the old conversion (checked).
Variants: "eq" (ab/kernels_eq: the kernels at 0a7fc9f) and "f32" (the working tree), the H200
rule's config each. Method as probes 63-81 (probe7.run_point: 3 interleaved rounds, each
variant checked first against the float64 reference), M = 4096, forward with stats off.
  PYTHONPATH=.:ab python docs/perf/h200/twentieth-session/probe82.py [mode:dtype:N ...]
"""

import importlib
import sys

import torch

M = 4096
POINTS = [("forward", "bfloat16", n) for n in (1024, 2048, 4096, 8192, 12288, 16384, 32768)]
POINTS += [("forward", "bfloat16", n) for n in (65536, 131072)]
POINTS += [("backward", "bfloat16", n) for n in (1024, 4096, 8192, 16384, 32768)]
if sys.argv[1:]:
    POINTS = [(a.split(":")[0], a.split(":")[1], int(a.split(":")[2])) for a in sys.argv[1:]]
PKGS = {"eq": "kernels_eq", "f32": "kernels"}


def point(mode, dtype, n):
    import probe7

    from kernels import config as cfg
    from kernels.bench import harness as h
    from kernels.reference import assert_close, layer_norm_reference, reference_grads

    probe7.M = M
    tdt = getattr(torch, dtype)
    inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
    x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
    lns = {k: importlib.import_module(p + ".layernorm") for k, p in PKGS.items()}
    if mode == "forward":
        conf = cfg.forward_config(n, tdt, "H200")
        ref = (layer_norm_reference(x, (n,), w, b, 1e-5),)

        def call(v):
            return lns[v]._forward(x, w, b, 1e-5, conf, stats=False)[:1]
    else:
        conf = cfg.backward_config(n, tdt, "H200")
        _, mean, rstd = lns["eq"]._forward(x, w, b, 1e-5)
        ref = reference_grads(x, (n,), w, b, 1e-5, dy)

        def call(v):
            return lns[v]._backward(dy, x, w, mean, rstd, True, tdt, conf=conf)

    first = {}

    def check(v):
        for _ in range(3):
            out = call(v)
            for i, (a, r) in enumerate(zip(out, ref, strict=True)):
                assert_close(a, r, tdt, f"{v} output {i}")
        first[v] = [t.clone() for t in out]
        if len(first) == len(PKGS):
            same = all(torch.equal(a, c) for a, c in zip(*first.values(), strict=True))
            print(f"{mode} {dtype} {n} bitwise equal: {same}", flush=True)

    print(f"{mode} {dtype} {n}: {conf}", flush=True)
    probe7.run_point(mode, dtype, n, PKGS, call, check)
    torch.cuda.empty_cache()


if __name__ == "__main__":
    for p in POINTS:
        point(*p)
