"""sass_conf with the config's max_registers passed as maxnreg; prints the pass-1 LDG lines."""
import os, re, sys, triton
import sass_conf as s
orig = triton.compile
def comp(src, target=None, options=None):
    cap = int(os.environ.get("CAP", "0"))
    return orig(src, target=target, options={**options, **({"maxnreg": cap} if cap else {})})
s.triton.compile = comp
import torch
for spec in sys.argv[1:]:
    dt, n = spec.split(":"); n = int(n)
    conf = s.cfg.forward_config(n, s.DT[dt], "H200")
    os.environ["CAP"] = str(conf.max_registers)
    line, ops, name = s.comp(dt, n, conf)
    ldg = [l.split("*/")[0].strip("/* ") + " " + l.split("*/")[1].split(",")[0].strip() for l in open(name) if "LDG" in l]
    print(spec, "cap", conf.max_registers, line.split("SHARED")[0], sum(ops.values()), ldg[:6])
