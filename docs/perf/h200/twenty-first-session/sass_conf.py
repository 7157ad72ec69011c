"""Offline sm_90 SASS (Triton 3.6) of _fwd_kernel for forward_config(N, dtype, "H200"), M=4096,
stats off. Usage: PYTHONPATH=.:ab python ab/sass_conf.py fp16:4096 fp32:2048 ..."""
import collections, os, re, subprocess, sys, tempfile
import torch, triton
from triton.backends.compiler import GPUTarget
from triton.compiler import ASTSource
import importlib
ln = importlib.import_module(os.environ.get("PKG", "kernels") + ".layernorm")
cfg = importlib.import_module(os.environ.get("PKG", "kernels") + ".config")
BIN = os.path.join(os.path.dirname(triton.__file__), "backends/nvidia/bin")
DT = {"fp32": torch.float32, "fp16": torch.float16, "bf16": torch.bfloat16}
def comp(dt, n, conf, kernel=None):
    kernel = kernel or ln._fwd_kernel
    sig = {"X": f"*{dt}", "Y": f"*{dt}", "W": f"*{dt}", "B": f"*{dt}", "Mean": "*fp32", "Rstd": "*fp32",
           "stride_x": "i32", "M": "i32", "N": "i32", "eps": "fp32"}
    consts = ln._fwd_kernel_consts(conf, 4096, n, True, True, False)
    consts = {k: v for k, v in consts.items() if k in kernel.arg_names}
    for k in consts: sig[k] = "constexpr"
    attrs = {(i,): [["tt.divisibility", 16]] for i in (0, 1, 2, 3, 4, 5, 6, 8)}
    k = triton.compile(ASTSource(kernel, sig, constexprs=consts, attrs=attrs), target=GPUTarget("cuda", 90, 32), options=dict(num_warps=conf.num_warps))
    f = tempfile.NamedTemporaryFile(suffix=".cubin", delete=False); f.write(k.asm["cubin"]); f.close()
    res = subprocess.run([f"{BIN}/cuobjdump", "-res-usage", f.name], capture_output=True, text=True).stdout
    sass = subprocess.run([f"{BIN}/cuobjdump", "-sass", f.name], capture_output=True, text=True).stdout
    ops = collections.Counter()
    for l in sass.splitlines():
        m = re.match(r"\s*/\*[0-9a-f]{4}\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)", l)
        if m: ops[m.group(1).split(".")[0]] += 1
    name = f"/tmp/sass/{os.environ.get('PKG','kernels')}_{dt}_{n}.sass"
    open(name, "w").write(sass)
    return [l for l in res.splitlines() if "REG" in l][0].strip(), ops, name
if __name__ == "__main__":
    for spec in sys.argv[1:]:
        dt, n = spec.split(":"); n = int(n)
        conf = cfg.forward_config(n, DT[dt], "H200")
        line, ops, name = comp(dt, n, conf)
        tot = sum(ops.values())
        el = conf.block_m * conf.block_n * conf.num_chunks / (32 * conf.num_warps)
        print(spec, conf.block_m, conf.block_n, conf.num_chunks, conf.num_warps, line, tot, f"{tot/el:.1f}/elem", name)
        print("  ", dict(sorted(ops.items(), key=lambda kv: -kv[1])[:25]))
