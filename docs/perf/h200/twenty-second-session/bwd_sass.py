"""Offline sm_90 SASS (Triton 3.6) of _bwd_kernel for backward_config(N, dtype, "H200") at
M = 4096, weights and bias in the input's dtype, PARAM_GRADS on (training), as _backward
launches it: registers, instruction counts, and the row loop (found by its backward branch)
with an opcode histogram by category. Usage (from the repo root):
  PYTHONPATH=. python docs/perf/h200/twenty-second-session/bwd_sass.py bf16:4096 fp32:4096 ...
A variant package (a copy of kernels/ edited): PYTHONPATH=/tmp/bwdvar PKG=kernels_X python ..."""
import collections, importlib, os, re, subprocess, sys, tempfile
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource

PKG = os.environ.get("PKG", "kernels")
ln = importlib.import_module(PKG + ".layernorm")
cfg = importlib.import_module(PKG + ".config")
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
DT = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}
M, SMS = 4096, 132  # H200: 132 SMs
CATS = [
    ("memory", {"LDG", "LDGSTS", "LDS", "LDSM", "STG", "STS", "LDGDEPBAR", "DEPBAR", "LD", "ST",
                "RED", "ATOM", "LDC", "ULDC"}),
    ("conversion", {"F2F", "F2FP", "PRMT", "SHF", "I2F", "F2I", "HADD2", "HMUL2", "HFMA2", "SHL",
                    "SHR", "LOP3_cvt"}),
    ("fp_math", {"FADD", "FMUL", "FFMA", "FSEL", "FMNMX", "FSETP", "MUFU", "FCHK", "DADD"}),
    ("int_addr", {"IMAD", "IADD3", "LEA", "ISETP", "SEL", "LOP3", "IABS", "IMNMX", "MOV", "UMOV",
                  "UIADD3", "UIMAD", "ULEA", "USEL", "UISETP", "ULOP3", "USHF", "S2R", "S2UR",
                  "PLOP3", "P2R", "R2P", "R2UR", "VIADD", "VIMNMX", "IMAD.WIDE", "ISCADD",
                  "UPRMT", "USHL", "UMOV", "IADD", "CS2R", "UIMNMX", "ULEA.HI"}),
    ("shfl_bar", {"SHFL", "BAR", "WARPSYNC", "BSSY", "BSYNC", "MEMBAR", "ERRBAR", "CCTL",
                  "VOTE", "VOTEU", "REDUX"}),
]


def cat(op, text=""):
    # 16-bit -> fp32 by bits: x << 16 as IMAD.U32 r, r, 0x10000 or SHF.L 0x10; the odd half as
    # LOP3 with 0xffff0000 (_f32); IMAD.MOV/MOV are moves (counted with int_addr)
    if op == "IMAD" and "0x10000" in text or op == "LOP3" and "0xffff0000" in text:
        return "conversion"
    for name, ops in CATS:
        if op in ops:
            return name
    return "other"


def consts_and_args(conf, n, dt):
    """Signature, constexprs and attrs as _backward/_launch build them (see kernels/layernorm.py)."""
    groups, rows_per_group = ln._persistent_groups(M, conf.block_m, conf.splits, SMS * conf.programs_per_sm)
    direct = groups == 1
    assert conf.splits == 1 and not conf.recompute, conf  # the rule's configs measured here
    ints = {"stride_x": n, "stride_dy": n, "M": M, "N": n, "rows_per_group": rows_per_group}
    sig = {"X": f"*{dt}", "DY": f"*{dt}", "DX": f"*{dt}", "W": f"*{dt}", "Mean": "*fp32",
           "Rstd": "*fp32", "Partial": "*fp32", "DW": None, "DB": None, "Sums": "*fp32"}
    sig["DW"] = sig["DB"] = f"*{dt}"  # dw, db tensors are passed (need_dw, need_db)
    if os.environ.get("WDT"):  # parameters of another dtype (e.g. WDT=fp32: fp32 master weights)
        sig["W"] = sig["DW"] = sig["DB"] = "*" + os.environ["WDT"]
    sig.update({k: "i32" for k in ints})
    consts = dict(BLOCK_M=conf.block_m, BLOCK_N=conf.block_n, TAIL_N=conf.tail_n, SPLITS=conf.splits,
                  SUMS_MODE=ln.SUMS_LOCAL.value, HAS_W=True, PARAM_GRADS=True, DIRECT_GRADS=direct,
                  HAS_DW=True, HAS_DB=True, PREFETCH=conf.prefetch, LOAD_STAGES=conf.load_stages,
                  W_PER_ROW=conf.weights_per_row, STRIDED=conf.strided, LAG=conf.lag)
    kernel = ln._bwd_kernel
    extra = [a for a in kernel.arg_names if a not in sig and a not in consts]
    for k in extra:  # constexprs a variant package added: from its env (default False)
        consts[k] = eval(os.environ.get(k, "False"))
    for k in consts:
        sig[k] = "constexpr"
    names = list(kernel.arg_names)
    attrs = {}
    for i, a in enumerate(names):
        if sig[a].startswith("*"):
            attrs[(i,)] = [["tt.divisibility", 16]]  # 16-byte aligned tensors
        elif a in ints:
            assert ints[a] % 16 == 0 and ints[a] != 1
            attrs[(i,)] = [["tt.divisibility", 16]]
    return {a: sig[a] for a in names}, consts, attrs, rows_per_group


def comp(spec):
    dt, n = spec.split(":"); n = int(n)
    conf = cfg.backward_config(n, DT[dt], "H200", cfg.DEFAULT_SHARED_MEMORY, DT[dt].itemsize)
    conf = cfg.fit_backward_tile(conf, M, SMS * conf.programs_per_sm)
    if os.environ.get("BWD_BLOCK_M"):  # a config experiment: another row tile
        from dataclasses import replace
        conf = replace(conf, block_m=int(os.environ["BWD_BLOCK_M"]))
    sig, consts, attrs, rpg = consts_and_args(conf, n, dt)
    k = triton.compile(ASTSource(ln._bwd_kernel, sig, constexprs=consts, attrs=attrs),
                       target=GPUTarget("cuda", 90, 32),
                       options=dict(num_warps=conf.num_warps, enable_fp_fusion=n > 1))
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False); f.write(k.asm["cubin"]); f.close()
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout
    os.makedirs("/tmp/sass", exist_ok=True)
    name = f"/tmp/sass/bwd_{PKG}_{dt}_{n}.sass"
    open(name, "w").write(sass)
    open(name.replace(".sass", ".ptx"), "w").write(k.asm["ptx"])
    insts = []  # (addr, opcode, text)
    for l in sass.splitlines():
        m = re.match(r"\s*/\*([0-9a-f]{4,})\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)(.*?);", l)
        if m:
            insts.append((int(m.group(1), 16), m.group(2).split(".")[0], m.group(2) + m.group(3)))
    # trailing "BRA self" padding and NOPs are not instructions of the kernel
    while insts and insts[-1][1] in ("NOP", "BRA") and (insts[-1][1] == "NOP" or "0x%x" % insts[-1][0] in insts[-1][2]):
        insts.pop()
    back = []
    for addr, op, text in insts:
        if op == "BRA":
            t = re.search(r"0x([0-9a-f]+)", text)
            if t and int(t.group(1), 16) < addr:
                back.append((int(t.group(1), 16), addr))
    lo, hi = max(back, key=lambda b: b[1] - b[0])
    loop = [(a, op, t) for a, op, t in insts if lo <= a <= hi]
    el = conf.block_m * conf.block_n / (32 * conf.num_warps)
    regs = re.search(r"REG:(\d+)", res).group(1)
    spill = re.search(r"STACK:(\d+)", res).group(1)
    ops = collections.Counter()  # opcode, with IMAD/LOP3 conversions told apart
    cats = collections.Counter()
    for _, op, t in loop:
        c = cat(op, t)
        ops[op + ("_cvt" if c == "conversion" and op in ("IMAD", "LOP3") else "")] += 1
        cats[c] += 1
    print(f"{spec} [{PKG}] block_m={conf.block_m} block_n={conf.block_n} warps={conf.num_warps} "
          f"stages={conf.load_stages} strided={conf.strided} rows_per_group={rpg} elems/thread/iter={el:g}")
    print(f"  regs={regs} stack={spill} total_sass={len(insts)} backward_branches={[(hex(a), hex(b)) for a, b in back]}")
    print(f"  loop {hex(lo)}-{hex(hi)}: {len(loop)} instructions = {len(loop)/el:.2f}/elem")
    print("  by category (count, /elem): " + ", ".join(
        f"{c}={cats[c]} ({cats[c]/el:.2f})" for c in ["memory", "conversion", "fp_math", "int_addr", "shfl_bar", "other"]))
    for c in ["memory", "conversion", "fp_math", "int_addr", "shfl_bar", "other"]:
        items = sorted(((op, v) for op, v in ops.items() if (cat(op) if not op.endswith("_cvt") else "conversion") == c), key=lambda kv: -kv[1])
        print(f"    {c:10s} " + " ".join(f"{op}:{v}" for op, v in items))
    moves = sum(1 for _, op, t in loop if op in ("MOV", "UMOV") or t.startswith("IMAD.MOV"))
    print(f"  moves (MOV/UMOV/IMAD.MOV, in int_addr)={moves}; uniform-datapath (U*) instructions={sum(1 for _, op, _ in loop if op.startswith('U'))}")
    print(f"  sass: {name}")
    return len(loop), el, regs


if __name__ == "__main__":
    for spec in sys.argv[1:]:
        comp(spec)
