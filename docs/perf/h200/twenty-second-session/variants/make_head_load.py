"""Makes ab/kernels_hl (git-ignored) from kernels/ with variants/head-load.diff's edits: pass 1's
one load takes the widest power of two of chunks and a Welford loop the rest; `padded_load`
selects it (instead of the padding); torch.library namespace kernels_hl::.
    python docs/perf/h200/twenty-second-session/variants/make_head_load.py   (repository root)
"""

import shutil

PADDED = """                    real = (k < NUM_CHUNKS)[None, :, None]
                    x_all = tl.load(
                        x_rows[:, :, None] + offs, mask=real, other=0.0, eviction_policy=EVICT1
                    )
                    x_all = tl.where(real, _f32(x_all) - shift[:, :, None], 0.0)
                    lane_mean = tl.sum(x_all, axis=1) * (1.0 / NUM_CHUNKS)
                    dev = tl.where(real, x_all - lane_mean[:, None, :], 0.0)
                    lane_m2 = tl.sum(dev * dev, axis=1)
"""
HEAD = """                    # VARIANT head load: the first ONE_LOAD_CHUNKS in one, the rest looped
                    x_all = tl.load(x_rows[:, :, None] + offs, eviction_policy=EVICT1)
                    x_all = _f32(x_all) - shift[:, :, None]
                    lane_mean = tl.sum(x_all, axis=1) * (1.0 / ONE_LOAD_CHUNKS)
                    dev = x_all - lane_mean[:, None, :]
                    lane_m2 = tl.sum(dev * dev, axis=1)
                    for c in range(ONE_LOAD_CHUNKS, NUM_CHUNKS):
                        x, _, _ = _load_chunk(
                            x_rows, row_ok, c * BLOCK_N + cols, N, BLOCK_N, FULL_TILES, EVICT1
                        )
                        x = x - shift
                        delta = x - lane_mean
                        lane_mean += delta * (1.0 / (c + 1.0))
                        lane_m2 += delta * (x - lane_mean)
"""
CHUNKS = "    return _next_power_of_two(conf.num_chunks) if conf.padded_load else 0"
WIDEST = (
    "    # VARIANT head load: padded_load means the widest power of two of chunks in one load\n"
    "    return 1 << (conf.num_chunks.bit_length() - 1) if conf.padded_load else 0"
)

shutil.rmtree("ab/kernels_hl", ignore_errors=True)
shutil.copytree("kernels", "ab/kernels_hl")
for name, edits in (
    ("layernorm.py", [(PADDED, HEAD), ('custom_op("kernels::', 'custom_op("kernels_hl::')]),
    ("config.py", [(CHUNKS, WIDEST)]),
):
    path = f"ab/kernels_hl/{name}"
    text = open(path).read()
    for old, new in edits:
        assert old in text, (name, old[:40])
        text = text.replace(old, new)
    open(path, "w").write(text)
