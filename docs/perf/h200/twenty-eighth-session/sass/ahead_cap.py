"""pass2_ahead with a register cap that keeps 32-warp programs at 2 a SM (32 registers): spills?
fp32 16384/20480/24576/65536 and 16-bit 40960/49152 (bf16). Usage: cd /work/sass130 &&
PYTHONPATH=/work/main:/work/sass130 /work/venv36/bin/python ahead_cap.py"""
import dataclasses, subprocess, os
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
from kernels import layernorm as ln, config as cfg

BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
TGT = GPUTarget("cuda", 90, 32)
DT = {torch.float32: "fp32", torch.bfloat16: "bf16"}


def regs(conf, n, dtype, M=4096):
    consts = ln._fwd_kernel_consts(conf, M, n, True, True, False)
    t = DT[dtype]
    sig = {"X": f"*{t}", "Y": f"*{t}", "W": f"*{t}", "B": f"*{t}", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    sig.update({c: "constexpr" for c in consts})
    names = list(ln._fwd_kernel.arg_names)
    attrs = {(i,): [["tt.divisibility", 16]] for i, a in enumerate(names)
             if sig[a].startswith("*") or a in ("stride_x", "M", "N")}
    opts = dict(num_warps=conf.num_warps)
    if conf.max_registers:
        opts["maxnreg"] = conf.max_registers
    k = triton.compile(ASTSource(ln._fwd_kernel, {a: sig[a] for a in names}, constexprs=consts, attrs=attrs),
                       target=TGT, options=opts)
    open("/tmp/k.cubin", "wb").write(k.asm["cubin"])
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", "/tmp/k.cubin"], capture_output=True, text=True).stdout
    return res.strip().splitlines()[-1].split("CONSTANT")[0].strip()


if __name__ == "__main__":
    for dtype, n in [(torch.float32, 16384), (torch.float32, 20480), (torch.float32, 24576),
                     (torch.float32, 65536), (torch.bfloat16, 40960), (torch.bfloat16, 49152),
                     (torch.bfloat16, 32768)]:
        rule = cfg.forward_config(n, dtype, "H200")
        for name, c in [("rule", rule), ("ahead", dataclasses.replace(rule, pass2_ahead=True)),
                        ("ahead, cap 32", dataclasses.replace(rule, pass2_ahead=True, max_registers=32))]:
            print(f"{DT[dtype]} {n:6d} {rule.block_n}x{rule.num_chunks} {rule.num_warps}w {name:14s} {regs(c, n, dtype)}", flush=True)
