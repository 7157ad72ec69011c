"""Summarize the SASS dumps: regs, spills, instruction counts, backward branches, LDG/STG widths
and hints, BAR/SHFL/MUFU/FCHK/CALL, and per phase (pass 1 = start..first BAR.SYNC; reduction =
first BAR..first pass-2 x load (LDG.E.EF); pass 2 = that..EXIT). All four kernels are fully
unrolled (no backward branch outside the IEEE-division slow path), so phases stand in for loops.
Usage: /work/venv36/bin/python analyze.py inductor a_rule5120 b_masked2048 c_rule6144 ..."""
import collections, re, sys

FP = re.compile(r"^(FADD|FMUL|FFMA|FSEL|FMNMX|FSETP)")


def parse(name):
    insts = []
    for l in open(f"/work/sass130/{name}.sass"):
        m = re.match(r"\s*/\*([0-9a-f]{4,})\*/\s+((?:@!?U?P\w+\s+)?)([A-Z][A-Z0-9_.]*)(.*?);", l)
        if m:
            insts.append((int(m.group(1), 16), m.group(3), (m.group(2) + m.group(3) + m.group(4)).strip()))
    while insts and (insts[-1][1] == "NOP" or insts[-1][1] == "BRA" and "0x%x" % insts[-1][0] in insts[-1][2]):
        insts.pop()
    return insts


def summarize(name):
    insts = parse(name)
    res = open(f"/work/sass130/{name}.res").read()
    regs = re.search(r"REG:(\d+)", res).group(1); stack = re.search(r"STACK:(\d+)", res).group(1)
    exit_i = max(i for i, x in enumerate(insts) if x[1] == "EXIT")
    main = insts[:exit_i + 1]  # the slow-path division subroutine follows the last EXIT
    back = [(hex(a), t) for a, op, t in insts if op == "BRA" and (m := re.search(r"0x([0-9a-f]+)", t)) and int(m.group(1), 16) < a]
    bar = [i for i, x in enumerate(main) if x[1].startswith("BAR")]
    p2 = next(i for i, x in enumerate(main) if x[1].startswith("LDG.E.EF"))
    phases = {"pass1": main[:bar[0]], "reduce": main[bar[0]:p2], "pass2": main[p2:]}
    print(f"== {name}: regs={regs} stack={stack} total={len(insts)} (main body to EXIT {len(main)}, "
          f"slow-path subroutine {len(insts) - len(main)}) backward branches={back or 'none'}")
    for ph, xs in phases.items():
        c = collections.Counter()
        for _, op, t in xs:
            base = op.split(".")[0]
            if base in ("LDG", "STG"):
                c[op] += 1
            elif base in ("BAR", "SHFL", "FCHK", "CALL", "STS", "LDS", "STSM", "MUFU"):
                c[op if base == "MUFU" else base] += 1
        c["fp"] = sum(1 for _, op, _ in xs if FP.match(op))
        print(f"  {ph:6s} {len(xs):4d} insts  " + " ".join(f"{k}:{v}" for k, v in sorted(c.items())))
    # pass 1: x loads issued before the first instruction that consumes a loaded register
    loads, first_use = [], None
    dst = set()
    for a, op, t in phases["pass1"]:
        if op.startswith("LDG"):
            loads.append((hex(a), op))
            r = int(re.search(r"LDG\S*\s+R(\d+)", t).group(1))
            w = {"128": 4, "64": 2}.get(op.split(".")[-1], 1)
            dst.update(range(r, r + w))
        elif first_use is None and FP.match(op):
            srcs = [int(s) for s in re.findall(r"R(\d+)", t.split(",", 1)[1] if "," in t else "")]
            if dst & set(srcs):
                first_use = (hex(a), len(loads))
    print(f"  pass1 LDGs (addr, op): {loads}")
    print(f"  pass1 first FP use of a loaded reg at {first_use[0]}, after {first_use[1]} of {len(loads)} LDGs issued")
    # pass 2 steps: LDGs between consecutive STGs
    steps, cur = [], []
    for a, op, t in phases["pass2"]:
        if op.startswith("LDG"):
            cur.append(op)
        elif op.startswith("STG"):
            steps.append((cur, op)); cur = []
    print(f"  pass2 steps (loads -> store): {len(steps)}: " + " | ".join(f"{'+'.join(l)} -> {s}" for l, s in steps))


for n in sys.argv[1:]:
    summarize(n)
