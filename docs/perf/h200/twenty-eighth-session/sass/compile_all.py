"""Offline sm_90 SASS (Triton 3.6) of inductor's LayerNorm fwd kernel and our _fwd_kernel
(fp32, M=4096) for configs a (rule 5120), b (masked 2048 x 3), c (rule 6144).
Usage: cd /work/sass130 && PYTHONPATH=/work/main:/work/sass130 /work/venv36/bin/python compile_all.py"""
import dataclasses, os, re, subprocess, sys
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln, config as cfg
from inductor_kernel import triton_red_fused_native_layer_norm_0 as ind

OUTD = "/work/sass130"
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
TGT = GPUTarget("cuda", 90, 32)


def dump(name, k):
    cub = f"{OUTD}/{name}.cubin"
    open(cub, "wb").write(k.asm["cubin"])
    open(f"{OUTD}/{name}.ptx", "w").write(k.asm["ptx"])
    open(f"{OUTD}/{name}.ttgir", "w").write(k.asm["ttgir"])
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", cub], capture_output=True, text=True).stdout
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", cub], capture_output=True, text=True).stdout
    open(f"{OUTD}/{name}.sass", "w").write(sass)
    open(f"{OUTD}/{name}.res", "w").write(res)
    print(name, res.strip().splitlines()[-1])


def inductor():
    sig = {"in_ptr0": "*fp32", "in_ptr1": "*fp32", "in_ptr2": "*fp32", "out_ptr2": "*fp32",
           "xnumel": "i32", "r0_numel": "i32", "XBLOCK": "constexpr", "R0_BLOCK": "constexpr"}
    attrs = {(i,): [["tt.divisibility", 16]] for i in range(6)}
    k = triton.compile(ASTSource(ind, sig, constexprs={"XBLOCK": 1, "R0_BLOCK": 2048}, attrs=attrs),
                       target=TGT, options=dict(num_warps=16, num_stages=1, enable_fp_fusion=True))
    dump("inductor", k)


def ours(name, conf, N, M=4096):
    consts = ln._fwd_kernel_consts(conf, M, N, True, True, False)
    sig = {"X": "*fp32", "Y": "*fp32", "W": "*fp32", "B": "*fp32", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    for c in consts:
        sig[c] = "constexpr"
    names = list(ln._fwd_kernel.arg_names)
    attrs = {}
    for i, a in enumerate(names):
        if sig[a].startswith("*") or a in ("stride_x", "M", "N"):
            attrs[(i,)] = [["tt.divisibility", 16]]
    opts = dict(num_warps=conf.num_warps)  # as _launch: num_stages default (3)
    if conf.max_registers:
        opts["maxnreg"] = conf.max_registers
    print(name, conf, consts)
    k = triton.compile(ASTSource(ln._fwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs),
                       target=TGT, options=opts)
    dump(name, k)


if __name__ == "__main__":
    inductor()
    rule = cfg.forward_config(5120, torch.float32, "H200")
    rule_fit = cfg.fit_forward_tile(rule, 4096, 132, 4)
    print("rule", rule, "\nfit ", rule_fit)
    ours("a_rule5120", rule_fit, 5120)
    ours("b_masked2048", dataclasses.replace(rule_fit, block_n=2048, num_chunks=3, equal_lanes=False, count_once=False), 5120)
    r6 = cfg.fit_forward_tile(cfg.forward_config(6144, torch.float32, "H200"), 4096, 132, 4)
    ours("c_rule6144", r6, 6144)
