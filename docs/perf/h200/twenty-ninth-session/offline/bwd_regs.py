"""Offline (Triton 3.6, sm_90): registers, spills and shared memory of the backward's rows
kernel at 16-bit 5120 (an 8192 block) under register caps, for 2 programs a SM (entry 71); and
of prepared probe 138's split variants (``probe138``).
  PYTHONPATH=.:docs/perf/h200/twenty-ninth-session/prepared python \
    docs/perf/h200/twenty-ninth-session/offline/bwd_regs.py [probe138]"""
import dataclasses, subprocess, os, sys
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln, config as cfg

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
TGT = GPUTarget("cuda", 90, 32)
T = {torch.float32: "fp32", torch.bfloat16: "bf16", torch.float16: "fp16"}


def bwd(conf, dtype, cap):
    t = T[dtype]
    mode = ln.SUMS_LOCAL if conf.splits == 1 else ln.SUMS_RECOMPUTE if conf.recompute else ln.SUMS_EXCHANGE
    consts = dict(BLOCK_M=conf.block_m, BLOCK_N=conf.block_n, TAIL_N=conf.tail_n, SPLITS=conf.splits,
                  SUMS_MODE=mode.value, HAS_W=True, PARAM_GRADS=True, DIRECT_GRADS=False,
                  HAS_DW=True, HAS_DB=True, PREFETCH=conf.prefetch, LOAD_STAGES=conf.load_stages,
                  W_PER_ROW=conf.weights_per_row, STRIDED=conf.strided, LAG=conf.lag)
    ptrs = {"X": t, "DY": t, "DX": t, "W": t, "Mean": "fp32", "Rstd": "fp32", "Partial": "fp32",
            "DW": t, "DB": t, "Sums": "fp32"}
    sig = {k: f"*{v}" for k, v in ptrs.items()}
    sig.update({k: "i32" for k in ("stride_x", "stride_dy", "M", "N", "rows_per_group")})
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._bwd_kernel.arg_names)
    attrs = {(i,): [["tt.divisibility", 16]] for i, a in enumerate(names)
             if sig[a].startswith("*") or a in ("stride_x", "stride_dy", "M", "N", "rows_per_group")}
    opts = dict(num_warps=conf.num_warps, num_stages=3)
    if cap:
        opts["maxnreg"] = cap
    k = triton.compile(ASTSource(ln._bwd_kernel, {a: sig[a] for a in names}, constexprs=consts,
                                 attrs=attrs), target=TGT, options=opts)
    open("/tmp/b.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", "/tmp/b.cubin"], capture_output=True,
                         text=True).stdout
    return res.strip().splitlines()[-1].split("CONSTANT")[0].strip() + f" smem {k.metadata.shared}"


if sys.argv[1:] == ["probe138"]:
    from probe138 import variants

    for n in (5120, 6144):
        for name, c in variants(n, torch.bfloat16).items():
            print("bf16", n, f"{name:24s}", bwd(c, torch.bfloat16, 0), flush=True)
    sys.exit()
for dtype, n in [(torch.bfloat16, 5120), (torch.bfloat16, 4096), (torch.bfloat16, 8192)]:
    rule = cfg.backward_config(n, dtype, "H200", 232448, 2)
    for cap in (0, 128, 96):
        print(T[dtype], n, rule.block_n, rule.block_m, rule.num_warps, rule.load_stages, "cap", cap, bwd(rule, dtype, cap), flush=True)
