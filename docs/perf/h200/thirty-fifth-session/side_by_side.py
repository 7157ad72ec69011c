"""The thirty-fifth session's probes' timing and report line, shared by probes 164-167 and 169."""

from kernels.bench import harness as h


def time_beside_baselines(fns, m, n, dtype_name, rounds, label, suffix=None):
    """Time the forward variants ``fns`` (their outputs checked already) beside torch.compile's
    forward and a copy of the same bytes, in ``rounds`` rotated rounds; print ``label`` and, per
    variant, its median (us), range, % of the copy and speed against torch.compile, then
    ``suffix(medians)``; return the medians (ms)."""
    fns = dict(fns)
    fns["torch_compile"] = h.prepare("torch_compile", "forward", m, n, dtype_name).fn
    fns["copy"] = h.prepare("copy", "forward", m, n, dtype_name).fn
    times = h.rotated_rounds(fns, rounds)
    res = {k: sorted(v)[rounds // 2] for k, v in times.items()}
    print(
        label
        + "  ".join(
            f"{k} {res[k] * 1e3:7.2f} ({min(times[k]) * 1e3:.2f}-{max(times[k]) * 1e3:.2f})"
            f" {res['copy'] / res[k]:6.1%} {res['torch_compile'] / res[k]:.3f}x"
            for k in res
        )
        + (suffix(res) if suffix else ""),
        flush=True,
    )
    return res
