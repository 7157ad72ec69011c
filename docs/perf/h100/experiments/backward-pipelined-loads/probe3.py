"""Probe 3 (session 6): whole-row backward tiles/warps/stages with pipelined loads, against the
old code path (register prefetch, 32 partial rows a load) in the same process."""
import dataclasses
import torch
from kernels import config as cfg, layernorm as ln
from kernels.bench import harness as h

M = 4096
R = dataclasses.replace
def smem(c, size):
    return (c.load_stages - 1) * c.block_m * c.block_n * 2 * size

def variants(d, size):
    out = {"old": (R(d, prefetch=True, load_stages=1), 32), "default": (d, 128)}
    cands = {"w16": R(d, num_warps=16), "w16 st4": R(d, num_warps=16, load_stages=4),
             "st4": R(d, load_stages=4)}
    if d.block_m >= 2:
        cands["half st5"] = R(d, block_m=d.block_m // 2, load_stages=5)
    cands["dbl w16"] = R(d, block_m=d.block_m * 2, num_warps=16)
    for k, c in cands.items():
        if smem(c, size) <= 200 * 1024:
            out[k] = (c, 128)
    return out

def main(ns, dtypes, rounds=3):
    for dtype in dtypes:
        tdt = h.torch_dtype(dtype)
        for n in ns:
            inp = h._random_inputs(M, n, dtype, torch.device("cuda"))
            x, w, b, dy = inp["x"], inp["weight"], inp["bias"], inp["dy"]
            _, mean, rstd = ln._forward(x, w, b, 1e-5)
            d = cfg.backward_config(n, tdt, cfg.gpu_family(x.device))
            vs = variants(d, tdt.itemsize)
            nbytes = h.bytes_moved("backward", M, n, dtype)
            copy = h._copy_case("backward", M, n, dtype, x.device)
            def call(v):
                c, cfg.PARTIAL_SUM_MAX_ROWS = vs[v]
                cfg.partial_sum_tile.cache_clear()
                return ln._backward(dy, x, w, mean, rstd, True, tdt, conf=c)
            ref = call("default")
            status = {}
            for v in vs:
                try:
                    out = call(v)
                    torch.cuda.synchronize()
                    rel = max(((a.float() - r.float()).abs().max() / r.float().abs().max()).item()
                              for a, r in zip(out, ref))
                    status[v] = "ok" if rel == 0 else f"rel{rel:.0e}"
                except Exception as e:
                    status[v] = "ERR " + str(e)[:60]
            times = {v: [] for v in vs}
            times["copy"] = []
            for _ in range(rounds):
                times["copy"].append(torch.tensor(h.cuda_times(copy.fn)).median().item())
                for v in vs:
                    if not status[v].startswith("ERR"):
                        c, rows = vs[v]
                        call(v)  # sets the sum rows knob for this variant
                        times[v].append(torch.tensor(h.cuda_times(lambda v=v: call(v))).median().item())
            cp = min(times["copy"])
            line = f"{dtype:9s} {n:5d} d(bm={d.block_m},w={d.num_warps}) copy {cp*1e3:6.1f}us |"
            for v in vs:
                if times[v]:
                    p = [cp / t * 100 for t in times[v]]
                    line += f" {v}: {min(p):.1f}-{max(p):.1f} ({nbytes/min(times[v])/1e6:.0f}) {status[v]} |"
                else:
                    line += f" {v}: {status[v]} |"
            print(line, flush=True)

if __name__ == "__main__":
    main([1024, 2048, 4096, 8192], ["bfloat16", "float32", "float16"])
