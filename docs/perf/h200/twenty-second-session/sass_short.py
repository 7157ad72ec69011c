"""Offline sm_90 SASS (Triton 3.6) of the short-row forward for probe 96: registers and instruction
histogram of _fwd_kernel for forward_config(N, dtype, "H200") at M = 4096, statistics off, in
PKG (kernels, or probe 96's ab/kernels_i32, ab/kernels_cx). Usage:
  PKG=kernels_cx PYTHONPATH=.:ab python docs/perf/h200/twenty-second-session/sass_short.py fp32:256
"""
import collections, os, re, subprocess, sys, tempfile, importlib
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
pkg=os.environ.get("PKG","kernels")
ln = importlib.import_module(pkg + ".layernorm"); cfg = importlib.import_module(pkg + ".config")
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
DT = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}
for spec in sys.argv[1:]:
    dt, n = spec.split(":"); n = int(n)
    conf = cfg.forward_config(n, DT[dt], "H200")
    kernel = ln._fwd_kernel
    sig = {"X": f"*{dt}", "Y": f"*{dt}", "W": f"*{dt}", "B": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    consts = ln._fwd_kernel_consts(conf, 4096, n, True, True, False)
    if pkg.endswith("cx"): consts.update(stride_x=n, M=4096, N=n)
    for k in consts: sig[k] = "constexpr"
    sig = {a: sig[a] for a in kernel.arg_names}
    idx = {a: i for i, a in enumerate(kernel.arg_names)}
    attrs = {(idx[a],): [["tt.divisibility", 16]] for a in ("X","Y","W","B","Mean","Rstd","stride_x","M","N") if sig[a] != "constexpr"}
    k = triton.compile(ASTSource(kernel, sig, constexprs=consts, attrs=attrs), target=GPUTarget("cuda", 90, 32), options=dict(num_warps=conf.num_warps))
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False); f.write(k.asm["cubin"]); f.close()
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout
    ops = collections.Counter()
    for l in sass.splitlines():
        m = re.match(r"\s*/\*[0-9a-f]{4}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", l)
        if m: ops[m.group(1).split(".")[0]] += 1
    open(f"/tmp/sass/{pkg}_{dt}_{n}.sass","w").write(sass)
    reg=[l for l in res.splitlines() if "REG" in l][0].split()[0:2]
    print(pkg, spec, conf.block_m, conf.num_warps, reg, sum(ops.values()), dict(sorted(ops.items(), key=lambda kv: -kv[1])[:14]))
