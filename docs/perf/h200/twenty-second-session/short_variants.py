"""Probe 96's variant packages, made from kernels/ at 04bb109 into the git-ignored ab/ (each with
its own torch.library namespace): kernels_i32 (the forward's row offsets in 32 bits) and
kernels_cx (M, N and the row stride as constexprs: a kernel per shape, as inductor's).
    python docs/perf/h200/twenty-second-session/short_variants.py   (from the repository root)
"""

import shutil

EDITS = {
    "i32": [
        (
            "    x_rows = X + rows.to(tl.int64)[:, None] * stride_x\n"
            "    y_rows = Y + rows.to(tl.int64)[:, None] * N",
            "    x_rows = X + rows[:, None] * stride_x\n    y_rows = Y + rows[:, None] * N",
        )
    ],
    "cx": [
        (
            "    stride_x,\n    M,\n    N,\n    eps,\n    BLOCK_M: tl.constexpr,",
            "    eps,\n    stride_x: tl.constexpr,\n    M: tl.constexpr,\n    N: tl.constexpr,\n"
            "    BLOCK_M: tl.constexpr,",
        ),
        (
            "        args = (x, y, weight, bias, mean, rstd, x.stride(0), M, N, eps)\n"
            "        consts = _fwd_kernel_consts(",
            "        args = (x, y, weight, bias, mean, rstd, eps)\n"
            "        consts = dict(stride_x=x.stride(0), M=M, N=N) | _fwd_kernel_consts(",
        ),
    ],
}

for name, edits in EDITS.items():
    dst = f"ab/kernels_{name}"
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree("kernels", dst)
    path = f"{dst}/layernorm.py"
    text = open(path).read().replace('custom_op("kernels::', f'custom_op("kernels_{name}::')
    for old, new in edits:
        assert text.count(old) == 1, (name, old)
        text = text.replace(old, new)
    open(path, "w").write(text)
