"""Variant copies of /work/main/kernels under /tmp/bwdvar/kernels_<name> for bwd_sass.py (kernels/ untouched).
Usage: python bwd_variants.py a d bf+d+e2+p  (a "+" combines edits; the package is kernels_<edits joined>)."""
import shutil, sys, os
SRC = "/work/main/kernels"
# each edit: (old, new) replaced exactly once in layernorm.py
E = {
 # (a) no mask in _xhat
 "a": [("    return tl.where(mask, (x.to(tl.float32) - mean) * rstd, 0.0)\n",
        "    return (x.to(tl.float32) - mean) * rstd\n")],
 # (b) unmasked x/dy loads, dx store, mean/rstd loads (xhat's where kept)
 "b": [("    return tl.load(X + rows.to(tl.int64)[:, None] * stride + cols[None, :], mask=mask, other=0.0)\n",
        "    return tl.load(X + rows.to(tl.int64)[:, None] * stride + cols[None, :])\n"),
       ("    tl.store(DX + rows64 * N + cols[None, :], dx.to(DX.dtype.element_ty), mask=mask)\n",
        "    tl.store(DX + rows64 * N + cols[None, :], dx.to(DX.dtype.element_ty))\n"),
       ("        mean = tl.load(Mean + rows, mask=row_ok, other=0.0)[:, None]\n        rstd = tl.load(Rstd + rows, mask=row_ok, other=0.0)[:, None]\n",
        "        mean = tl.load(Mean + rows)[:, None]\n        rstd = tl.load(Rstd + rows)[:, None]\n")],
 # (bf) masks known all-true at compile time (what a FULL_TILES constexpr would give): folds loads, stores and the where
 "bf": [("        row_ok = rows < end\n        mask = row_ok[:, None] & cmask[None, :]\n        rows64",
         "        row_ok = tl.full([BLOCK_M], True, tl.int1)\n        mask = row_ok[:, None] & tl.full([BLOCK_N], True, tl.int1)[None, :]\n        rows64"),
        ("    for i in tl.range(0, rows_per_group, BLOCK_M, num_stages=LOAD_STAGES):\n",
         "    cmask = tl.full([BLOCK_N], True, tl.int1)\n    for i in tl.range(0, rows_per_group, BLOCK_M, num_stages=LOAD_STAGES):\n")],
 # (c) dx with the b term folded into the first fma
 "c": [("    dx = wdy * rstd - (xhat * a + b)\n", "    dx = (wdy * rstd - b) - xhat * a\n")],
 # (d) row sums' means as a multiplication by 1/BLOCK_N (exact, = div_rn, when N == BLOCK_N, a power of two)
 "d": [("            a = _div(s1, N)[:, None] * rstd\n            b = _div(s2, N)[:, None] * rstd\n            dw_acc",
        "            a = (s1 * (1.0 / BLOCK_N))[:, None] * rstd\n            b = (s2 * (1.0 / BLOCK_N))[:, None] * rstd\n            dw_acc")],
 # (e) bf16 -> fp32 by bits (_f32: one SHL or AND a value) for x and dy
 "e": [("    return tl.where(mask, (x.to(tl.float32) - mean) * rstd, 0.0)\n",
        "    return tl.where(mask, (_f32(x) - mean) * rstd, 0.0)\n"),
       ("        dy_loaded = dy\n        dy = dy.to(tl.float32)\n", "        dy_loaded = dy\n        dy = _f32(dy)\n")],
 # (f) xhat as one fma: x*rstd - mean*rstd (NOT bitwise; loses precision when |mean| >> std)
 "f": [("    return tl.where(mask, (x.to(tl.float32) - mean) * rstd, 0.0)\n",
        "    return tl.where(mask, x.to(tl.float32) * rstd - mean * rstd, 0.0)\n")],
 # (g) 32-bit row offsets (valid when M*stride < 2**31)
 "g": [("    return tl.load(X + rows.to(tl.int64)[:, None] * stride + cols[None, :], mask=mask, other=0.0)\n",
        "    return tl.load(X + rows[:, None] * stride + cols[None, :], mask=mask, other=0.0)\n"),
       ("        rows64 = rows.to(tl.int64)[:, None]\n        if PREFETCH:", "        rows64 = rows[:, None]\n        if PREFETCH:")],
}
def make(name, keys):
    dst = f"/tmp/bwdvar/kernels_{name}"
    shutil.rmtree(dst, ignore_errors=True); shutil.copytree(SRC, dst)
    p = f"{dst}/layernorm.py"; s = open(p).read()
    for k in keys:
        for old, new in E[k]:
            # combined variants: an edit whose target an earlier edit rewrote is applied to the rewritten text
            assert s.count(old) == 1, (name, k, old[:60], s.count(old))
            s = s.replace(old, new)
    open(p, "w").write(s)
def _main():
    for spec in sys.argv[1:]:
        name = spec.replace("+", "")
        make(name, spec.split("+"))
# (e2) bf16 -> fp32 of a packed pair by inline PTX: low half shl 16, high half and 0xffff0000
_BF = '''@triton.jit
def _f32_pairs(x):
    """x in fp32; a bf16 pair as one shl and one and (one instruction an element)."""
    if x.dtype == tl.bfloat16:
        return tl.inline_asm_elementwise(
            "shl.b32 $0, $2, 16; and.b32 $1, $2, 0xffff0000;",
            "=r,=r,r", [x], dtype=tl.float32, is_pure=True, pack=2)
    return x.to(tl.float32)


@triton.jit
def _xhat(x, mask, mean, rstd):
'''
E["e2"] = [("@triton.jit\ndef _xhat(x, mask, mean, rstd):\n", _BF),
           ("    return tl.where(mask, (x.to(tl.float32) - mean) * rstd, 0.0)\n",
            "    return tl.where(mask, (_f32_pairs(x) - mean) * rstd, 0.0)\n"),
           ("        dy_loaded = dy\n        dy = dy.to(tl.float32)\n", "        dy_loaded = dy\n        dy = _f32_pairs(dy)\n")]
# combined: FULL_TILES-style constant masks (bf) + multiply by 1/BLOCK_N (d) + packed bf16 conversion (e2) + 32-bit offsets (g)
E["e2_nowhere"] = [(o, n.replace("tl.where(mask, (_f32_pairs(x) - mean) * rstd, 0.0)", "(_f32_pairs(x) - mean) * rstd")) for o, n in E["e2"]]
# (p) row offsets carried across the loop as int64 scalars (+= step), per-thread offsets int32 and
# loop-invariant; the strided path only (what the rule's configs take)
E["p"] = [
 ("    for i in tl.range(0, rows_per_group, BLOCK_M, num_stages=LOAD_STAGES):\n",
  "    x_off = (group * BLOCK_M).to(tl.int64) * stride_x\n"
  "    dy_off = (group * BLOCK_M).to(tl.int64) * stride_dy\n"
  "    dx_off = (group * BLOCK_M).to(tl.int64) * N\n"
  "    step = tl.num_programs(1).to(tl.int64) * BLOCK_M\n"
  "    local = tl.arange(0, BLOCK_M)[:, None]\n"
  "    x_local = local * stride_x + cols[None, :]\n"
  "    dy_local = local * stride_dy + cols[None, :]\n"
  "    for i in tl.range(0, rows_per_group, BLOCK_M, num_stages=LOAD_STAGES):\n"),
 ("            x, dy = _load_row_tile(X, DY, start, end, stride_x, stride_dy, cols, N, BLOCK_M)\n",
  "            x = tl.load(X + x_off + x_local, mask=mask, other=0.0)\n"
  "            dy = tl.load(DY + dy_off + dy_local, mask=mask, other=0.0)\n"
  "            dx_base = DX + dx_off\n"
  "            x_off += step * stride_x\n            dy_off += step * stride_dy\n            dx_off += step * N\n"),
 ("            dw_acc, db_acc = _dx_and_param_grads(\n                DX, rows64, cols, mask, N, xhat, dy, wdy, a, b, rstd, dw_acc, db_acc, PARAM_GRADS\n            )\n",
  "            dw_acc, db_acc = _dx_and_param_grads(\n                dx_base, local, cols, mask, N, xhat, dy, wdy, a, b, rstd, dw_acc, db_acc, PARAM_GRADS\n            )\n"),
]
if __name__ == "__main__":
    for spec in sys.argv[1:]:
        make(spec.replace("+", ""), spec.split("+"))
