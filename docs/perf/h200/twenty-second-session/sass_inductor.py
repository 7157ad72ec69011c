"""Offline sm_90 SASS (Triton 3.6): inductor's fp32 (4096, 256) LayerNorm kernel (the fifteenth
session's probe54-inductor-kernel.txt, compiled here at several XBLOCK and warps) beside ours
(_fwd_kernel) at the same tiles, to see whether the code or the tile separates them.
  PYTHONPATH=. python docs/perf/h200/twenty-second-session/sass_inductor.py
"""

import collections
import os
import re
import subprocess
import sys
import tempfile
import types

import triton
import triton.language as tl
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from triton.language.extra import libdevice

from kernels import config as cfg
from kernels import layernorm as ln

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
SRC = "docs/perf/h200/fifteenth-session/probe54-inductor-kernel.txt"


def inductor_kernel():
    text = open(SRC).read()
    body = text[text.index("@triton.jit") : text.index("''', device_str")]
    path = os.path.join(tempfile.mkdtemp(), "inductor_fp32_256.py")
    open(path, "w").write(body)  # triton.jit needs the source in a file
    mod = types.ModuleType("inductor_fp32_256")
    mod.__dict__.update(triton=triton, tl=tl, libdevice=libdevice, __file__=path)
    exec(compile(body, path, "exec"), mod.__dict__)
    return mod.triton_per_fused_native_layer_norm_0


def count(kernel, sig, consts, attrs, warps):
    c = triton.compile(
        ASTSource(kernel, sig, constexprs=consts, attrs=attrs),
        target=GPUTarget("cuda", 90, 32),
        options=dict(num_warps=warps),
    )
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False)
    f.write(c.asm["cubin"])
    f.close()
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True)
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True)
    ops = collections.Counter()
    for line in sass.stdout.splitlines():
        m = re.match(r"\s*/\*[0-9a-f]{4}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", line)
        if m:
            ops[m.group(1).split(".")[0]] += 1
    reg = [x for x in res.stdout.splitlines() if "REG" in x][0].split()[0]
    top = dict(sorted(ops.items(), key=lambda kv: -kv[1])[:12])
    return f"{reg} {sum(ops.values())} instructions {top}"


if __name__ == "__main__":
    ind = inductor_kernel()
    sig = {"in_ptr0": "*fp32", "in_ptr1": "*fp32", "in_ptr2": "*fp32", "out_ptr2": "*fp32",
           "xnumel": "i32", "r0_numel": "i32", "XBLOCK": "constexpr"}
    attrs = {(i,): [["tt.divisibility", 16]] for i in range(6)}
    ours_sig = {"X": "*fp32", "Y": "*fp32", "W": "*fp32", "B": "*fp32", "Mean": "*fp32",
                "Rstd": "*fp32", "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    ours_attrs = {(i,): [["tt.divisibility", 16]] for i in range(9)}
    for rows, warps in [(2, 1), (4, 1), (8, 1), (4, 2), (8, 2), (32, 8)]:
        print(f"fp32 256, {rows} rows, {warps} warps", flush=True)
        print("  inductor   ", count(ind, sig, {"XBLOCK": rows}, attrs, warps), flush=True)
        for first in (False, True):
            conf = cfg.ForwardConfig(256, 1, rows, warps, params_first=first)
            consts = ln._fwd_kernel_consts(conf, 4096, 256, True, True, False)
            s = dict(ours_sig, **{k: "constexpr" for k in consts})
            label = "ours, params first" if first else "ours       "
            print(f"  {label}", count(ln._fwd_kernel, s, consts, ours_attrs, warps), flush=True)
    sys.exit(0)
