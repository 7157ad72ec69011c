"""Probe 4 (session 6): split-row backward exchange in inline asm (no tl.debug_barrier, no spin
loop, sums loads the pipeliner cannot hoist), so Triton pipelines the split rows' loads.
Run with PYTHONPATH=ab/exp (the experimental copy)."""
import dataclasses
import torch
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h

M = 4096
R = dataclasses.replace

def main(ns, dtypes, rounds=3):
    for dtype in dtypes:
        tdt = h.torch_dtype(dtype)
        for n in ns:
            inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
            x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
            _, mean, rstd = ln._forward(x, w, b, 1e-5)
            d = cfg.backward_config(n, tdt, cfg.gpu_family(x.device))
            vs = {"old": d, "asm1 st3": R(d, asm=1, prefetch=False, load_stages=3),
                  "asm2": R(d, asm=2),
                  "asm2 st3": R(d, asm=2, prefetch=False, load_stages=3),
                  "asm2 st4": R(d, asm=2, prefetch=False, load_stages=4)}
            nbytes = h.bytes_moved("backward", M, n, dtype)
            copy = h._copy_case("backward", M, n, dtype, x.device)
            call = lambda v: ln._backward(dy, x, w, mean, rstd, True, tdt, conf=vs[v])
            ref = [t.clone() for t in call("old")]
            def check(v):
                try:
                    outs = [call(v) for _ in range(20)]
                    torch.cuda.synchronize()
                    bad = sum(not all(torch.equal(a, r) for a, r in zip(o, ref)) for o in outs)
                    return "ok" if bad == 0 else f"DIFF {bad}/20"
                except Exception as e:
                    return "ERR " + str(e)[:80]
            status = {v: check(v) for v in vs}
            times = {v: [] for v in vs}
            times["copy"] = []
            for _ in range(rounds):
                times["copy"].append(torch.tensor(h.cuda_times(copy.fn)).median().item())
                for v in vs:
                    if not status[v].startswith("ERR"):
                        times[v].append(torch.tensor(h.cuda_times(lambda v=v: call(v))).median().item())
            after = {v: check(v) for v in vs if not status[v].startswith("ERR")}
            cp = min(times["copy"])
            line = f"{dtype:9s} {n:5d} d(bn={d.block_n},sp={d.splits},bm={d.block_m},w={d.num_warps}) copy {cp*1e3:7.1f}us |"
            for v in vs:
                if times[v]:
                    p = [cp / t * 100 for t in times[v]]
                    line += f" {v}: {min(p):.1f}-{max(p):.1f} ({nbytes/min(times[v])/1e6:.0f}) {status[v]}/{after[v]} |"
                else:
                    line += f" {v}: {status[v]} |"
            print(line, flush=True)

if __name__ == "__main__":
    main([12288, 16384, 32768, 65536], ["bfloat16", "float32"])
