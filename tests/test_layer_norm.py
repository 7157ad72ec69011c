"""Correctness of kernels.layer_norm / kernels.LayerNorm against the float64 reference.

The bound for every output and gradient is ``2 * (PyTorch's own same-dtype error) + floor``, with
the floor from kernels.reference.TOLERANCES. Shapes stay small: on CI they run on the interpreter.
"""

import itertools
import math
from dataclasses import replace

import pytest
import torch
import torch.nn.functional as F

import kernels
from kernels import config as cfg
from kernels import layernorm as ln
from kernels.reference import TOLERANCES, reference_grads, relative_error

DTYPES = [torch.float32, torch.float16, torch.bfloat16]
# (input shape, normalized_shape): N = 1, 33, 257, 1000, 5000, 40000 (streamed rows), leading
# dims, several normalized dims, and empty inputs.
SHAPES = [
    ((3, 1), (1,)),
    ((5, 33), (33,)),
    ((4, 257), (257,)),
    ((2, 3, 1000), (1000,)),
    ((3, 5000), (5000,)),
    ((2, 40000), (40000,)),
    ((2, 3, 4, 10), (4, 10)),
    ((6, 10), (6, 10)),  # 2-D input, both dims normalized: one row of 60
    ((7,), (7,)),
    ((0, 16), (16,)),
    ((3, 0), (0,)),
]
AFFINE = {"w+b": (True, True), "none": (False, False), "w": (True, False), "b": (False, True)}


def _inputs(shape, normalized_shape, dtype, device, affine=(True, True), offset=0.0):
    x = (torch.randn(shape, device=device) + offset).to(dtype).requires_grad_()
    w = (
        torch.randn(normalized_shape, device=device).to(dtype).requires_grad_()
        if affine[0]
        else None
    )
    b = (
        torch.randn(normalized_shape, device=device).to(dtype).requires_grad_()
        if affine[1]
        else None
    )
    return x, w, b


def _run(fn, x, w, b, normalized_shape, dy):
    """Output and (dx, dw, db) of ``fn``; fresh leaves so two providers never share .grad."""
    leaves = [None if t is None else t.detach().clone().requires_grad_() for t in (x, w, b)]
    y = fn(leaves[0], normalized_shape, leaves[1], leaves[2], 1e-5)
    y.backward(dy)
    return y, [None if t is None else t.grad for t in leaves]


def _record_launches(monkeypatch) -> list:
    """(kernel, BLOCK_M) of every launch through layernorm._launch from now on."""
    launches = []
    launch = ln._launch

    def record(kernel, grid, args, consts, **options):
        launches.append((kernel, consts.get("BLOCK_M")))
        return launch(kernel, grid, args, consts, **options)

    monkeypatch.setattr(ln, "_launch", record)
    return launches


def _assert_as_good_as_torch(x, w, b, normalized_shape, offset_note=""):
    dtype = x.dtype
    dy = torch.randn(x.shape, device=x.device).to(dtype)
    ref_y = kernels.layer_norm_reference(x, normalized_shape, w, b, 1e-5)
    ref_grads = reference_grads(x, normalized_shape, w, b, 1e-5, dy)
    ours = _run(kernels.layer_norm, x, w, b, normalized_shape, dy)
    torchs = _run(F.layer_norm, x, w, b, normalized_shape, dy)
    floor = TOLERANCES[dtype].floor
    names = ["y", "dx", "dweight", "dbias"]
    for name, got, theirs, ref in zip(
        names, [ours[0], *ours[1]], [torchs[0], *torchs[1]], [ref_y, *ref_grads], strict=True
    ):
        if ref is None:
            assert got is None, f"{name} should be None"
            continue
        assert got.dtype == theirs.dtype and got.shape == theirs.shape, name
        err, torch_err = relative_error(got, ref), relative_error(theirs, ref)
        assert err <= 2 * torch_err + floor, (
            f"{name} {dtype} {tuple(x.shape)}{offset_note}: error {err:.3g} > 2 x torch's "
            f"{torch_err:.3g} + {floor:g}"
        )


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
@pytest.mark.parametrize("shape,normalized_shape", SHAPES, ids=str)
def test_matches_reference(shape, normalized_shape, dtype, device):
    _assert_as_good_as_torch(*_inputs(shape, normalized_shape, dtype, device), normalized_shape)


@pytest.mark.skipif(torch.cuda.device_count() < 2, reason="needs two CUDA devices")
@pytest.mark.parametrize("n", [4096, 40000])  # whole rows; split rows (cooperative launches)
def test_follows_the_tensors_device_not_the_current_one(n):
    x, w, b = (t.detach() for t in _inputs((64, n), (n,), torch.float32, "cuda:1"))
    dy = torch.randn_like(x)
    with torch.cuda.device(0):
        y, mean, rstd = ln._forward(x, w, b, 1e-5)
        grads = ln._backward(dy, x, w, mean, rstd, True, b.dtype)
    expected = [
        kernels.layer_norm_reference(x, (n,), w, b),
        *reference_grads(x, (n,), w, b, 1e-5, dy),
    ]
    for name, got, ref in zip(["y", "dx", "dw", "db"], [y, *grads], expected, strict=True):
        assert (
            got.device == x.device and relative_error(got, ref) <= TOLERANCES[x.dtype].max_error
        ), name


@pytest.mark.parametrize("affine", AFFINE.values(), ids=AFFINE.keys())
# 2000 and 2048: weight and bias loaded with x (config.FWD_PARAMS_FIRST_WIDTHS), masked and full
@pytest.mark.parametrize("n", [33, 2000, 2048, 5000])
def test_affine_variants(affine, n, device):
    x, w, b = _inputs((4, n), (n,), torch.float16, device, affine)
    _assert_as_good_as_torch(x, w, b, (n,))
    with torch.no_grad():  # inference (no statistics written): the same numbers
        y_inference = kernels.layer_norm(x, (n,), w, b)
    assert torch.equal(y_inference, ln._forward(x.detach(), w, b, 1e-5)[0])


@pytest.mark.parametrize("affine", AFFINE.values(), ids=AFFINE.keys())
@pytest.mark.parametrize("m", [1, 100])
def test_a_single_group_writes_the_parameter_gradients_itself(affine, m, device, monkeypatch):
    """With one group of rows (1 row here) the backward is one launch, its row sums stored as
    dweight and dbias; with more (100 rows in 4 groups) a second launch adds the partial rows."""
    n = 200
    x, w, b = _inputs((m, n), (n,), torch.bfloat16, device, affine)
    launches = _record_launches(monkeypatch)
    _assert_as_good_as_torch(x, w, b, (n,))
    backward = [k for k, _ in launches if k is not ln._fwd_kernel]
    single = m == 1 or not any(affine)
    expected = [ln._bwd_kernel] if single else [ln._bwd_kernel, ln._sum_partials_kernel]
    assert backward == expected


@pytest.mark.parametrize(
    "make_view",
    [
        lambda t: t.transpose(0, 1),  # column stride != 1: copied
        lambda t: t[::2],  # row stride 2N: used in place
        lambda t: t[:, :24],  # row stride != N: used in place
        lambda t: t[:1, :24],  # one row, row stride != N: used in place
    ],
    ids=["transposed", "every-other-row", "column-slice", "one-row"],
)
def test_non_contiguous(make_view, device):
    base = torch.randn(12, 48, device=device)
    x = make_view(base).detach().requires_grad_()
    n = x.shape[-1]
    w, b = torch.randn(n, device=device), torch.randn(n, device=device)
    _assert_as_good_as_torch(x, w, b, (n,))
    # The output is contiguous (what torch.compile's fake tensor promises), whatever x's strides.
    assert kernels.layer_norm(x, (n,), w, b).stride() == (n, 1)


def test_repeated_calls_follow_alignment(device):
    # On a GPU a specialization is compiled on its first launch and launched directly afterwards
    # (layernorm._launch, under the launch plans' keys): tensors that are not 16-byte aligned,
    # with the same shape and strides, must get their own specialization, and the aligned one
    # must still be right after them; x, weight, bias and dy each, training and inference.
    base = torch.randn(6, 80, device=device)
    params = torch.randn(2, 80, device=device)
    dy_base = torch.randn(6, 80, device=device)
    # 1: 4 bytes past a 16-byte boundary
    offsets = [(0, 0, 0, 0), (1, 1, 1, 1), (0, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (1, 0, 0, 0)]
    for xs, ws, bs, ds in [*offsets, (0, 0, 0, 1), (0, 0, 0, 0)]:
        x = base[:, xs : xs + 64].detach().requires_grad_()  # keeps offset and strides
        w, b = params[0, ws : ws + 64], params[1, bs : bs + 64]
        dy = dy_base[:, ds : ds + 64]
        y = kernels.layer_norm(x, (64,), w, b)
        y.backward(dy)
        with torch.no_grad():
            y_inference = kernels.layer_norm(x, (64,), w, b)
        ref = kernels.layer_norm_reference(x, (64,), w, b, 1e-5)
        ref_dx = reference_grads(x, (64,), w, b, 1e-5, dy)[0]
        assert relative_error(y, ref) < 1e-5 and relative_error(x.grad, ref_dx) < 1e-5
        assert relative_error(y_inference, ref) < 1e-5, (xs, ws, bs, ds)


def test_forward_plans_are_kept_per_signature(monkeypatch, device):
    """The rules' launch plan is made once per input signature and reused; a signature Triton
    would specialize differently (another row count, a misaligned parameter, statistics or not)
    gets its own; the store is cleared when full."""
    monkeypatch.setattr(ln, "_forward_plans", {})
    monkeypatch.setattr(ln, "_MAX_PLANS", 4)
    x, params = torch.randn(4, 64, device=device), torch.randn(2, 80, device=device)
    w, w_misaligned = params[0, :64], params[0, 1:65]
    key, plan = ln._rules_forward_plan(x, w, None, False)
    family, sms = cfg.gpu_family(x.device), cfg.sm_count(x.device)
    rules = cfg.fit_forward_tile(cfg.forward_config(64, x.dtype, family), 4, sms, 4)
    assert plan.conf == rules and plan.grid == (cfg.cdiv(4, rules.block_m),)
    assert ln._rules_forward_plan(x, w, None, False) == (key, plan) and len(ln._forward_plans) == 1
    others = [(x[:1], w, None, False), (x, w_misaligned, None, False), (x, w, None, True)]
    keys = {ln._rules_forward_plan(*signature)[0] for signature in others}
    assert len(keys | {key}) == 4 and len(ln._forward_plans) == 4
    ln._rules_forward_plan(x, w, params[1, :64], False)  # a fifth: the store is cleared first
    assert len(ln._forward_plans) == 1


def test_backward_plans_are_kept_per_signature(monkeypatch, device):
    """The backward's rules plan likewise: once per signature of dy, x, weight, mean and rstd
    and the gradients asked for; the plan's config and grid are the rules'."""
    monkeypatch.setattr(ln, "_backward_plans", {})
    monkeypatch.setattr(ln, "_MAX_PLANS", 4)
    x, dy, params = (torch.randn(*shape, device=device) for shape in ((8, 64), (8, 64), (2, 80)))
    w, w_misaligned = params[0, :64], params[0, 1:65]
    _, mean, rstd = ln._forward(x, w, None, 1e-5)
    key, plan = ln._rules_backward_plan(dy, x, w, mean, rstd, True, torch.float32)
    family, smem = cfg.gpu_family(x.device), cfg.max_shared_memory(x.device)
    sms = cfg.sm_count(x.device)
    rules = cfg.backward_config(64, x.dtype, family, smem, 4)
    rules = cfg.fit_backward_tile(rules, 8, sms * rules.programs_per_sm)
    groups, rows = ln._persistent_groups(8, rules.block_m, 1, sms * rules.programs_per_sm)
    assert plan.conf == rules and plan.grid == (1, groups) and plan.rows_per_group == rows
    again = ln._rules_backward_plan(dy, x, w, mean, rstd, True, torch.float32)
    assert again == (key, plan) and len(ln._backward_plans) == 1
    others = [
        (dy[:, :32], x[:, :32], w[:32], mean, rstd, True, torch.float32),  # another width
        (dy, x, w_misaligned, mean, rstd, True, torch.float32),
        (dy, x, w, mean, rstd, False, None),  # no parameter gradients
    ]
    keys = {ln._rules_backward_plan(*signature)[0] for signature in others}
    assert len(keys | {key}) == 4 and len(ln._backward_plans) == 4
    ln._rules_backward_plan(dy[1:], x[1:], w, mean[1:], rstd[1:], True, torch.float32)  # fifth
    assert len(ln._backward_plans) == 1


@pytest.mark.parametrize("dependent", [False, True])
def test_launches_are_dependent_only_where_asked(dependent):
    fwd = ln._forward_plan(
        cfg.forward_config(4096, torch.float32), 64, 4096, True, True, True, dependent
    )
    assert fwd.consts["DEPENDENT"] is dependent
    assert fwd.options.get("launch_pdl", False) is dependent
    whole = cfg.BackwardConfig(4096, 1, 1, 8, programs_per_sm=1)
    split = cfg.backward_config(40000, torch.bfloat16)  # swaps its row sums: cooperative
    for conf, rows_dependent in ((whole, dependent), (split, False)):
        plan = ln._backward_plan(
            conf, 4096, conf.splits * 4096, True, 132, True, True, True, dependent
        )
        ((consts, options),) = plan.rows_launches
        assert options["launch_cooperative_grid"] is (conf.splits > 1)
        assert consts["DEPENDENT"] is rows_dependent
        assert options.get("launch_pdl", False) is rows_dependent
        _grid, consts, options = plan.sum_launch
        assert consts["DEPENDENT"] is dependent
        assert options.get("launch_pdl", False) is dependent
    # The interpreter has no dependent launches (and rejects griddepcontrol).
    assert not cfg.dependent_launches(torch.device("cpu"))


@pytest.mark.skipif(
    not (torch.cuda.is_available() and cfg.dependent_launches(torch.device("cuda"))),
    reason="needs a CUDA GPU with programmatic dependent launches (sm_90+)",
)
@pytest.mark.parametrize(
    "m, n, dtype",
    [(4096, 1024, torch.bfloat16), (264, 4096, torch.float32), (300, 10000, torch.float16)]
    + [(1000, 40000, torch.bfloat16)],  # whole rows, few rows, a tail, split rows
)
def test_dependent_launches_are_bitwise_the_stream_ordered_ones(monkeypatch, m, n, dtype):
    # A dependent kernel may be placed on the SMs before the kernel ahead of it ends: its wait is
    # all that orders its loads after that kernel's stores. Here the kernel ahead writes the
    # input (x, then dy) anew each time, from one of two sources in turn, and the sum follows
    # the rows kernel: a missing or misplaced wait would read stale or partial data.
    sources = [_inputs((m, n), (n,), dtype, "cuda")[0].detach() for _ in range(2)]
    dys = [torch.randn(m, n, device="cuda").to(dtype) for _ in range(2)]
    w, b = (t.detach() for t in _inputs((m, n), (n,), dtype, "cuda")[1:])
    x, dy = torch.empty_like(sources[0]), torch.empty_like(dys[0])
    results = {}
    for dependent in (False, True):
        monkeypatch.setattr(cfg, "DEPENDENT_LAUNCHES", dependent)
        monkeypatch.setattr(ln, "_forward_plans", {})
        monkeypatch.setattr(ln, "_backward_plans", {})
        runs = []
        for i in range(20):
            x.copy_(sources[i % 2])
            y, mean, rstd = ln._forward(x, w, b, 1e-5)
            dy.copy_(dys[i % 2])
            runs.append((y, mean, rstd, *ln._backward(dy, x, w, mean, rstd, True, b.dtype)))
        _, plan = ln._rules_backward_plan(dy, x, w, mean, rstd, True, b.dtype)
        assert plan.sum_launch[2].get("launch_pdl", False) is dependent
        results[dependent] = runs
    for i, run in enumerate(results[True] + results[False]):
        for got, want in zip(run, results[False][i % 2], strict=True):
            assert torch.equal(got, want)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA graphs need a GPU")
def test_forward_and_backward_replay_in_a_cuda_graph():
    # Captured launches, dependent ones on sm_90+, replay on new data to exactly what eager
    # calls give.
    m, n = 512, 4096
    x, w, b = _inputs((m, n), (n,), torch.bfloat16, "cuda")
    dy = torch.randn(m, n, device="cuda", dtype=torch.bfloat16)

    def step():
        y = kernels.layer_norm(x, (n,), w, b)
        return (y, *torch.autograd.grad(y, (x, w, b), dy))

    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):  # warm-up: compiles the kernels and keeps the plans
        step()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        captured = step()
    for _ in range(3):
        with torch.no_grad():
            x.copy_(torch.randn_like(x))
            dy.copy_(torch.randn_like(dy))
        graph.replay()
        for got, want in zip(captured, step(), strict=True):
            assert torch.equal(got, want)


def test_repeated_calls_follow_integer_arguments(device):
    # The same for the integer arguments Triton specializes on (== 1, multiple of 16): one row,
    # then 17 and 16 rows, then one again, all at the same width and dtype.
    w = torch.randn(64, device=device)
    for m in (1, 17, 16, 1):
        x = torch.randn(m, 64, device=device)
        y = kernels.layer_norm(x, (64,), w)
        assert relative_error(y, kernels.layer_norm_reference(x, (64,), w)) < 1e-5, m


def test_strided_weight_and_bias(device):
    # 1-D views with stride 2: reshape keeps them strided, the kernel must not read them densely.
    x = torch.randn(5, 48, device=device, requires_grad=True)
    params = torch.randn(2, 96, device=device, requires_grad=True)
    w, b = params[0, ::2], params[1, 1::2]
    _assert_as_good_as_torch(x, w, b, (48,))


def test_non_contiguous_upstream_gradient(device):
    # y.sum() hands backward an expanded (all strides 0) dy; the weight makes dx non-zero.
    x = torch.randn(6, 40, device=device)
    w = torch.randn(40, device=device)
    grads = []
    for fn in (kernels.layer_norm, F.layer_norm):
        leaf = x.clone().requires_grad_()
        fn(leaf, (40,), w).sum().backward()
        grads.append(leaf.grad)
    assert relative_error(*grads) < 1e-5


@pytest.mark.parametrize("n", [1000, 40000])  # whole-row and streamed statistics
def test_large_offset_is_stable(n, device):
    # Rows of 1e4 + N(0, 1): E[x^2] - E[x]^2 in fp32 would lose every digit of the variance.
    x, w, b = _inputs((3, n), (n,), torch.float32, device, offset=1e4)
    _assert_as_good_as_torch(x, w, b, (n,), offset_note=" offset 1e4")
    y = kernels.layer_norm(x.detach(), n)
    assert torch.allclose(y.std(dim=-1, unbiased=False), torch.ones(3, device=device), atol=1e-3)


def test_register_cap_reaches_the_compiler(monkeypatch, device):
    """ForwardConfig.max_registers is passed to Triton as maxnreg (0: not passed at all), and a
    capped launch still computes the same rows."""
    caps, launch = [], ln._launch

    def record(kernel, grid, args, consts, **options):
        caps.append(options.get("maxnreg"))
        return launch(kernel, grid, args, consts, **options)

    monkeypatch.setattr(ln, "_launch", record)
    x, w, b = (t.detach() for t in _inputs((3, 64), (64,), torch.float32, device))
    conf = cfg.ForwardConfig(16, 4, 1, 1, lane_stats=True, count_once=True, equal_lanes=True)
    ref = kernels.layer_norm_reference(x, (64,), w, b)
    for c in (replace(conf, max_registers=64), conf):
        assert relative_error(ln._forward(x, w, b, 1e-5, c)[0], ref) <= 1e-5
    assert caps == [64, None]


# Streamed configs with per-lane statistics, and the row width each is tested at.
EQUAL = dict(lane_stats=True, count_once=True, equal_lanes=True)
LANE_STATS_CONFIGS = {
    "ragged": (cfg.ForwardConfig(64, 4, 1, 2, lane_stats=True), 200),
    "exact": (cfg.ForwardConfig(8, 25, 1, 1, lane_stats=True), 200),
    "exact-equal-lanes": (cfg.ForwardConfig(8, 25, 1, 1, **EQUAL), 200),
    # a power of two of exact chunks: all of them in one load (one row or two a program)
    "exact-equal-lanes-one-load": (cfg.ForwardConfig(16, 16, 1, 1, **EQUAL), 256),
    "exact-equal-lanes-one-load-2-rows": (cfg.ForwardConfig(16, 4, 2, 1, **EQUAL), 64),
    # any other count of exact chunks in one load, padded to a power of two (25 -> 32, 5 -> 8)
    "exact-equal-lanes-padded": (cfg.ForwardConfig(8, 25, 1, 1, **EQUAL, padded_load=True), 200),
    "exact-equal-lanes-padded-2-rows": (
        cfg.ForwardConfig(16, 5, 2, 1, **EQUAL, padded_load=True),
        80,
    ),
    # equal_lanes with a ragged last chunk: ignored (the lanes hold unequal counts)
    "ragged-equal-lanes": (cfg.ForwardConfig(64, 4, 1, 2, **EQUAL), 200),
}


@pytest.mark.parametrize("conf, n", LANE_STATS_CONFIGS.values(), ids=LANE_STATS_CONFIGS.keys())
def test_lane_statistics_are_stable_at_a_large_offset(conf, n, device):
    """Per-lane running means of x minus the row's first value: 1e4 + N(0, 1) keeps its
    variance's digits (the lanes' fp32 means of raw x would not). The fp32 mean itself is off by
    up to half an ulp of 1e4, as torch's is: y's error is held to torch's, as in
    test_large_offset_is_stable."""
    # (6 rows: the 2-row config tiles them, so its tiles are full)
    x, w, b = (t.detach() for t in _inputs((6, n), (n,), torch.float32, device, offset=1e4))
    y, mean, rstd = ln._forward(x, w, b, 1e-5, conf)
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    torch_err = relative_error(F.layer_norm(x, (n,), w, b, 1e-5), ref)
    assert relative_error(y, ref) <= 2 * torch_err + TOLERANCES[torch.float32].floor
    x64 = x.double()
    assert torch.allclose(rstd.double(), (x64.var(-1, unbiased=False) + 1e-5).rsqrt(), rtol=1e-4)
    assert torch.allclose(mean.double(), x64.mean(-1), rtol=0, atol=1e-3)


@pytest.mark.parametrize(
    "name",
    [
        "exact",
        "exact-equal-lanes",
        "exact-equal-lanes-one-load",
        "exact-equal-lanes-padded",
        "ragged-equal-lanes",
    ],
)
def test_lane_statistics_are_stable_when_the_first_value_is_an_outlier(name, device):
    """The lanes' statistics are of x minus the row's first value; when that value is 1e4 away
    from the others (N(0, 1)), the lanes' shifted means are all near -1e4. Their merge, by
    (mean, M2, count) triples or (equal_lanes) as a two-pass variance of the lane means, and
    the one-load lanes' own two-pass M2, must still keep the variance's digits, which a sum of
    squares would lose. The mean is the shift plus the lanes' shifted mean, near -1e4 here:
    that and the sum are each rounded to half an ulp of 1e4 (4.9e-4), the lanes' merge adds a
    little more (up to 1.5 ulps seen), so it is held to two ulps (torch's: 1e-5)."""
    conf, n = LANE_STATS_CONFIGS[name]
    m = 4
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), torch.float32, device))
    x[:, 0] += 1e4
    y, mean, rstd = ln._forward(x, w, b, 1e-5, conf)
    x64 = x.double()
    rstd_ref = (x64.var(-1, unbiased=False) + 1e-5).rsqrt()
    assert torch.allclose(rstd.double(), rstd_ref, rtol=1e-4)
    ulp = 2.0 ** (math.floor(math.log2(1e4)) - 23)
    assert torch.allclose(mean.double(), x64.mean(-1), rtol=0, atol=2 * ulp)
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    torch_err = relative_error(F.layer_norm(x, (n,), w, b, 1e-5), ref)
    assert relative_error(y, ref) <= 2 * torch_err + TOLERANCES[torch.float32].floor


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16], ids=str)
def test_nan_and_inf_propagate_like_torch(dtype, device):
    # bf16: the forward upcasts it by its bits (_f32), which must keep NaN and inf
    x = torch.randn(4, 64, device=device).to(dtype)
    x[1, 3] = math.nan
    x[2, 5] = math.inf
    ours, theirs = kernels.layer_norm(x, 64), F.layer_norm(x, (64,))
    assert torch.equal(torch.isnan(ours), torch.isnan(theirs))
    torch.testing.assert_close(ours[[0, 3]], theirs[[0, 3]])


def test_backward_is_bitwise_deterministic(device):
    m = 64 if device == "cuda" else 20  # several programs, each with several rows
    x = torch.randn(m, 300, device=device, requires_grad=True)
    w = torch.randn(300, device=device, requires_grad=True)
    b = torch.randn(300, device=device, requires_grad=True)
    dy = torch.randn(m, 300, device=device)
    runs = []
    for _ in range(3):
        y = kernels.layer_norm(x, 300, w, b)
        runs.append(torch.autograd.grad(y, (x, w, b), dy))
    for later in runs[1:]:
        for a, b_ in zip(runs[0], later, strict=True):
            assert torch.equal(a, b_)


def test_mixed_precision_weight(device):
    # bf16 input with fp32 weight and bias (PyTorch's CPU kernel accepts this, its CUDA one does
    # not): output in the input's dtype, gradients in each parameter's dtype.
    x, _, _ = _inputs((4, 100), (100,), torch.bfloat16, device)
    w = torch.randn(100, device=device, requires_grad=True)
    b = torch.randn(100, device=device, requires_grad=True)
    dy = torch.randn(4, 100, device=device).to(torch.bfloat16)
    y, grads = _run(kernels.layer_norm, x, w, b, (100,), dy)
    expected = [
        kernels.layer_norm_reference(x, (100,), w, b),
        *reference_grads(x, (100,), w, b, 1e-5, dy),
    ]
    assert [t.dtype for t in (y, *grads)] == [torch.bfloat16, torch.bfloat16] + [torch.float32] * 2
    for name, got, ref in zip(["y", "dx", "dw", "db"], [y, *grads], expected, strict=True):
        assert relative_error(got, ref) <= TOLERANCES[torch.bfloat16].max_error, name


def test_float64_uses_pytorch(device):
    x = torch.randn(3, 50, dtype=torch.float64, device=device)
    assert torch.equal(kernels.layer_norm(x, 50), F.layer_norm(x, (50,)))


def test_cpu_without_interpreter_falls_back_to_pytorch(monkeypatch):
    monkeypatch.setattr(ln, "INTERPRET", False)
    monkeypatch.setattr(ln, "_forward", None)  # would raise if the Triton path were taken
    x = torch.randn(3, 50, requires_grad=True)
    w, b = torch.randn(50), torch.randn(50)
    assert torch.equal(kernels.layer_norm(x, 50, w, b), F.layer_norm(x, (50,), w, b))


@pytest.mark.parametrize(
    "x_dtype,p_dtype",
    [
        (torch.float32, torch.float16),
        (torch.float64, torch.float32),
        (torch.bfloat16, torch.float32),
    ],
    ids=str,
)
def test_pytorch_fallback_takes_mixed_parameter_dtypes(x_dtype, p_dtype, monkeypatch):
    # The Triton path takes any parameter dtype; the fallback must take the same arguments.
    monkeypatch.setattr(ln, "INTERPRET", False)
    x = torch.randn(3, 40, dtype=x_dtype, requires_grad=True)
    w = torch.randn(40, dtype=p_dtype, requires_grad=True)
    b = torch.randn(40, dtype=p_dtype, requires_grad=True)
    y = kernels.layer_norm(x, 40, w, b)
    y.sum().backward()
    assert y.dtype == x_dtype and w.grad.dtype == p_dtype and b.grad.dtype == p_dtype
    ref = kernels.layer_norm_reference(x, (40,), w, b)
    assert relative_error(y, ref) <= TOLERANCES.get(x_dtype, TOLERANCES[torch.float32]).max_error


@pytest.mark.parametrize("compiled", [False, True], ids=["eager", "custom-op"])
def test_double_backward_raises(compiled, device):
    # First-order gradients only: a second-order request must fail loudly, never silently drop
    # the LayerNorm's second-order term.
    x = torch.randn(4, 32, device=device, requires_grad=True)
    w = torch.randn(32, device=device, requires_grad=True)
    if compiled:
        y = ln.layer_norm_fwd(x, w, None, 1e-5)[0]
    else:
        y = kernels.layer_norm(x, 32, w)
    (g,) = torch.autograd.grad(y.square().sum(), x, create_graph=True)
    with pytest.raises(RuntimeError):
        g.square().sum().backward()


def test_legacy_entry_point(device):
    x, w, b = (torch.randn(s, device=device) for s in [(4, 96), (96,), (96,)])
    torch.testing.assert_close(
        kernels.triton_layerNorm_kernel(x, w, b), F.layer_norm(x, (96,), w, b, 1e-5)
    )
    with pytest.raises(ValueError, match="2-D"):
        kernels.triton_layerNorm_kernel(x[0], w, b)
    with pytest.raises(TypeError, match="Tensor"):
        kernels.triton_layerNorm_kernel(x.tolist(), w, b)


def test_test_slowdown_switch_changes_no_result(monkeypatch, device):
    x = torch.randn(8, 64, device=device)
    expected = kernels.layer_norm(x, 64)
    monkeypatch.setattr(cfg, "TEST_SLOWDOWN", 0.5)
    torch.testing.assert_close(kernels.layer_norm(x, 64), expected, rtol=0, atol=0)


# ---- bad input ----
def _bad_calls(device):
    x = torch.randn(4, 8, device=device)
    w = torch.randn(8, device=device)
    return {
        "int input": (TypeError, "floating point", lambda: kernels.layer_norm(x.long(), 8)),
        "bool input": (TypeError, "floating point", lambda: kernels.layer_norm(x > 0, 8)),
        "not a tensor": (TypeError, "input must be a Tensor", lambda: kernels.layer_norm([1.0], 1)),
        "shape mismatch": (ValueError, "trailing dimensions", lambda: kernels.layer_norm(x, 4)),
        "too many dims": (
            ValueError,
            "trailing dimensions",
            lambda: kernels.layer_norm(x, (2, 4, 8)),
        ),
        "empty shape": (ValueError, "at least one", lambda: kernels.layer_norm(x, ())),
        "float shape": (TypeError, "normalized_shape", lambda: kernels.layer_norm(x, 8.0)),
        "bool in shape": (TypeError, "normalized_shape", lambda: kernels.layer_norm(x, (True,))),
        "weight shape": (
            ValueError,
            "weight has shape",
            lambda: kernels.layer_norm(x, 8, torch.randn(7, device=device)),
        ),
        "bias shape": (
            ValueError,
            "bias has shape",
            lambda: kernels.layer_norm(x, 8, w, torch.randn(2, 4, device=device)),
        ),
        "int weight": (
            TypeError,
            "weight must be floating point",
            lambda: kernels.layer_norm(x, 8, w.long()),
        ),
        "list bias": (TypeError, "bias must be a Tensor", lambda: kernels.layer_norm(x, 8, w, [0])),
        "weight elsewhere": (
            ValueError,
            "weight is on meta",
            lambda: kernels.layer_norm(x, 8, w.to("meta")),
        ),
        "negative eps": (ValueError, "eps", lambda: kernels.layer_norm(x, 8, eps=-1.0)),
        "nan eps": (ValueError, "eps", lambda: kernels.layer_norm(x, 8, eps=math.nan)),
        "string eps": (TypeError, "eps", lambda: kernels.layer_norm(x, 8, eps="1e-5")),
    }


@pytest.mark.parametrize("case", list(_bad_calls("cpu")))
def test_bad_input_names_the_problem(case, device):
    error, message, call = _bad_calls(device)[case]
    with pytest.raises(error, match=message):
        call()


def test_normalized_shape_forms_agree(device):
    # An int, a tuple (what nn.LayerNorm keeps), a list and a torch.Size name the same shape.
    x = torch.randn(2, 3, 8, device=device)
    for forms in ([8, (8,), [8], torch.Size([8])], [(3, 8), [3, 8], torch.Size([3, 8])]):
        expected = F.layer_norm(x, tuple(torch.Size(forms[-1])))
        for shape in forms:
            torch.testing.assert_close(kernels.layer_norm(x, shape), expected, msg=str(shape))


# ---- module ----
def test_module_matches_torch_module_and_state_dict_round_trips(device):
    ours = kernels.LayerNorm((4, 10), eps=1e-6, device=device)
    theirs = torch.nn.LayerNorm((4, 10), eps=1e-6, device=device)
    with torch.no_grad():
        theirs.weight.normal_()
        theirs.bias.normal_()
    ours.load_state_dict(theirs.state_dict())
    x = torch.randn(3, 4, 10, device=device)
    torch.testing.assert_close(ours(x), theirs(x))
    theirs.load_state_dict(ours.state_dict())
    assert repr(ours) == repr(theirs).replace("torch.nn.", "")
    assert ours.extra_repr() == theirs.extra_repr()
    ours.reset_parameters()
    assert torch.equal(ours.weight, torch.ones_like(ours.weight))


def test_module_without_affine_or_bias(device):
    no_affine = kernels.LayerNorm(16, elementwise_affine=False, device=device)
    no_bias = kernels.LayerNorm(16, bias=False, device=device, dtype=torch.float16)
    assert no_affine.weight is None and no_bias.bias is None
    assert no_bias.weight.dtype == torch.float16
    x = torch.randn(2, 16, device=device)
    torch.testing.assert_close(no_affine(x), F.layer_norm(x, (16,)))
    torch.testing.assert_close(no_bias(x.half()), F.layer_norm(x.half(), (16,), no_bias.weight))


# ---- torch.compile and the custom op ----
def test_torch_compile_sees_one_op_and_matches_eager(device):
    model = torch.nn.Sequential(torch.nn.Linear(16, 48), kernels.LayerNorm(48), torch.nn.GELU())
    model = model.to(device)
    graphs = []

    def recording_backend(gm, example_inputs):
        graphs.append(gm)
        return gm.forward

    torch._dynamo.reset()
    x = torch.randn(5, 16, device=device)
    torch.compile(model, backend=recording_backend, fullgraph=True)(x)
    targets = [n.target for n in graphs[0].graph.nodes if n.op == "call_function"]
    assert targets.count(torch.ops.kernels.layer_norm_fwd.default) == 1, targets

    # Numbers, forward and backward, through AOTAutograd (and Inductor where there is a GPU).
    backend = "inductor" if device == "cuda" else "aot_eager"
    compiled = torch.compile(model, backend=backend, fullgraph=True)
    outs = []
    for fn in (model, compiled):
        leaf = x.clone().requires_grad_()
        fn(leaf).square().sum().backward()
        outs.append((fn(leaf), leaf.grad, model[1].weight.grad.clone(), model[1].bias.grad.clone()))
        model.zero_grad()
    for eager, comp in zip(*outs, strict=True):
        torch.testing.assert_close(comp, eager, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("affine", AFFINE.values(), ids=AFFINE.keys())
def test_custom_ops_pass_opcheck(affine, device):
    x, w, b = _inputs((6, 40), (40,), torch.float32, device, affine)
    torch.library.opcheck(ln.layer_norm_fwd, (x, w, b, 1e-5))
    # The backward op is not differentiable itself (no double backward): check it on plain tensors.
    x, w, b = (None if t is None else t.detach() for t in (x, w, b))
    _, mean, rstd = ln.layer_norm_fwd(x, w, b, 1e-5)
    dy = torch.randn(6, 40, device=device)
    db_dtype = None if b is None else b.dtype
    torch.library.opcheck(ln.layer_norm_bwd, (dy, x, w, mean, rstd, w is not None, db_dtype))


# ---- launch configuration ----
@pytest.mark.parametrize("family", cfg.OVERRIDES)
@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_launch_configs_cover_every_width(dtype, family):
    widths = [1, 2, 3, 255, 256, 257, 1024, 4096, 5000, 8704, 10000, 12288, 14336, 16384]
    widths += [17408, 20480, 26624, 28672, 32768, 32769, 33024, 65536]
    for n in [*widths, 100000, 1 << 20]:
        configs = (cfg.forward_config(n, dtype, family), cfg.backward_config(n, dtype, family))
        pieces = (configs[0].num_chunks * configs[0].splits, configs[1].splits)
        assert configs[0].num_chunks == 1 or configs[0].splits == 1, configs[0]
        tails = (0, configs[1].tail_n)
        for conf, chunks, tail in zip(configs, pieces, tails, strict=True):
            assert conf.block_n & (conf.block_n - 1) == 0, conf
            assert (conf.block_n + tail) * chunks >= n, conf
            assert chunks == 1 or (conf.block_n + tail) * (chunks - 1) < n, conf
            assert 1 <= conf.num_warps <= cfg.MAX_WARPS, conf
        # A tail block: a power of two past the one or two blocks a row overflows; not with the
        # recompute, which has no tail.
        bwd, tail = configs[1], configs[1].tail_n
        assert tail == 0 or (bwd.splits <= 2 and tail & (tail - 1) == 0), bwd
        assert tail == 0 or bwd.splits * bwd.block_n < n <= bwd.splits * (bwd.block_n + tail), bwd
        assert not (tail and bwd.recompute), bwd
        # Groups of at most BWD_MAX_SPLITS programs, unless the row needs more of the widest
        # slices (7 or 9 slices of 1024-4096 columns were 6-20 points slower: log entry 31).
        widest = cfg.BWD_MAX_BLOCK[dtype.itemsize]
        assert configs[1].splits <= cfg.BWD_MAX_SPLITS or configs[1].block_n == widest, n
        # A split row's group swaps sums within one cooperative launch: one program per SM.
        assert configs[1].splits == 1 or configs[1].programs_per_sm == 1, configs[1]
        # Loads come either prefetched into registers or pipelined through shared memory.
        assert not (configs[1].prefetch and configs[1].load_stages > 1), configs[1]
        # Row tiles strided over the grid: pipelined loads, whole rows or groups of at most four
        # fp32 slices, the last at most a quarter empty; such 16-bit groups of 3 or more slices
        # finish their tiles one iteration late, strided.
        bwd = configs[1]
        max_splits = cfg.BWD_STRIDED_MAX_SPLITS[dtype.itemsize]
        full = bwd.splits * (bwd.block_n + bwd.tail_n) - n <= bwd.block_n // 4
        lag = full and dtype.itemsize == 2 and bwd.splits >= 3 and not bwd.tail_n
        assert bwd.lag == lag, bwd
        grouped = (bwd.splits <= max_splits or lag) and full
        assert bwd.strided == ((bwd.splits == 1 or grouped) and not bwd.prefetch), bwd
        # Row sums computed whole by each program: two slices only (the kernel's one case).
        assert not configs[1].recompute or configs[1].splits == 2, configs[1]


def test_backward_slices_between_powers_of_two():
    def slicing(n, dtype):
        conf = cfg.backward_config(n, dtype)
        return conf.block_n, conf.splits

    # No width within BWD_MAX_SPLITS slices pads by at most an eighth: the least padding, then
    # the fewest slices (2048 columns either way), not 7 slices of 2048.
    assert slicing(14336, torch.bfloat16) == (8192, 2)
    assert slicing(14336, torch.float32) == (8192, 2)
    assert slicing(20480, torch.float32) == (8192, 3)  # not 5 of 4096
    assert slicing(33024, torch.bfloat16) == (8192, 5)  # the widest slices, as few as fit


def test_backward_rows_a_little_wider_than_a_block_stay_whole():
    def blocks(n, dtype, smem=cfg.DEFAULT_SHARED_MEMORY):
        conf = cfg.backward_config(n, dtype, shared_memory=smem, weight_size=dtype.itemsize)
        return conf.block_n, conf.tail_n, conf.splits, conf.load_stages, conf.weights_per_row

    assert blocks(12288, torch.bfloat16) == (8192, 4096, 1, 3, True)  # no padding, no group
    assert blocks(8193, torch.bfloat16) == (8192, 2048, 1, 3, True)  # BWD_MIN_TAIL
    assert blocks(8704, torch.float32) == (8192, 1024, 1, 3, True)
    # fp32 rows whose three load stages would not fit shared memory take two, then the prefetch.
    assert blocks(12288, torch.float32) == (8192, 4096, 1, 2, True)
    assert blocks(12288, torch.float32, 99 * 1024)[:3] == (8192, 4096, 1)
    assert cfg.backward_config(12288, torch.float32, shared_memory=99 * 1024).prefetch
    # Past BWD_MAX_TAIL, rows are split.
    assert blocks(12289, torch.bfloat16)[1:3] == (0, 2)
    assert blocks(8192, torch.bfloat16) == (8192, 0, 1, 3, False)


def test_h200_splits_16_bit_rows_of_two_blocks_and_a_bit_in_two_slices_with_tails():
    def blocks(n, dtype, family="H200", weight_size=2):
        smem = cfg.DEFAULT_SHARED_MEMORY
        conf = cfg.backward_config(n, dtype, family, smem, weight_size)
        return conf.block_n, conf.tail_n, conf.splits, conf.load_stages, conf.recompute

    assert blocks(20480, torch.bfloat16) == (8192, 2048, 2, 3, False)
    assert blocks(16385, torch.float16) == (8192, 2048, 2, 3, False)  # BWD_MIN_TAIL
    assert blocks(20480, torch.bfloat16, weight_size=4) == (8192, 2048, 2, 3, False)
    # fp32 up to 16512 columns (1024-wide tails; from 16896 on 3 slices won).
    assert blocks(16385, torch.float32, weight_size=4) == (8192, 1024, 2, 3, False)
    assert blocks(16512, torch.float32, weight_size=4) == (8192, 1024, 2, 3, False)
    # Not where only two load stages would fit (fp64 weights), nor past 20480 (24576 measured
    # the same as 3 slices) or fp32 16512, nor on the H100 (not measured).
    assert blocks(20480, torch.bfloat16, weight_size=8)[1:3] == (0, 3)
    assert blocks(16512, torch.float32, weight_size=8)[1:3] == (0, 3)
    assert blocks(20481, torch.bfloat16)[1:3] == (0, 3)
    assert blocks(16513, torch.float32, weight_size=4)[1:3] == (0, 3)
    assert blocks(18432, torch.float32, "H100")[1:3] == (0, 3)
    assert blocks(20480, torch.bfloat16, "H100")[1:3] == (0, 3)
    assert blocks(16384, torch.bfloat16) == (8192, 0, 2, 3, False)


@pytest.mark.parametrize("sms", [4, 132])
def test_partial_sum_tiles_give_every_sm_one_and_load_all_rows_at_once(sms):
    for n, groups in itertools.product(
        [1, 3, 16, 200, 1024, 4096, 5000, 8192, 32768, 65536], [1, 5, 16, 66, 132, 300]
    ):
        rows, block = cfg.partial_sum_tile(n, groups, sms)
        assert block & (block - 1) == 0 and block <= cfg.PARTIAL_SUM_MAX_BLOCK, (n, block)
        narrowest = min(cfg.PARTIAL_SUM_MIN_BLOCK, cfg.padded_width(n))
        assert block == narrowest or math.ceil(n / block) >= sms, (n, block)
        assert block == cfg.PARTIAL_SUM_MAX_BLOCK or math.ceil(n / (2 * block)) < sms, (n, block)
        assert rows & (rows - 1) == 0 and min(groups, cfg.PARTIAL_SUM_MAX_ROWS) <= rows, rows
        assert rows < 2 * groups and rows <= cfg.PARTIAL_SUM_MAX_ROWS, (groups, rows)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_few_rows_take_backward_tiles_of_the_rows_a_program_gets(dtype):
    for n in [1, 200, 256, 1024, 3000, 4096, 8192, 12288, 16384, 65536]:
        conf = cfg.backward_config(n, dtype)
        if n * dtype.itemsize >= 512:  # the tables' tiles, measured at M = 4096, stay
            assert cfg.fit_backward_tile(conf, 4096, 132) == conf, n
        for m, programs in [(1, 132), (64, 132), (133, 132), (512, 132), (100, 4), (4096, 132)]:
            fit = cfg.fit_backward_tile(conf, m, programs)
            if conf.splits > 1:
                assert fit == conf, (n, m)
                continue
            rows = math.ceil(m / programs)  # the most one program gets
            power_of_two = 2 ** math.floor(math.log2(rows))
            assert fit == replace(conf, block_m=min(conf.block_m, power_of_two)), (n, m, fit)


@pytest.mark.parametrize("dtype", DTYPES, ids=str)
def test_few_rows_take_forward_tiles_of_the_rows_a_program_gets(dtype):
    size = dtype.itemsize
    for n in [1, 200, 256, 1024, 2048, 3000, 4096, 8192, 65536]:
        conf = cfg.forward_config(n, dtype)
        if n >= 128:  # the tables' tiles, measured at M = 4096, stay
            assert cfg.fit_forward_tile(conf, 4096, 132, size) == conf, n
        for m, sms in [(1, 132), (64, 132), (133, 132), (512, 132), (3000, 132), (100, 4),
                       (4096, 132), (5000, 132)]:  # fmt: skip
            fit = cfg.fit_forward_tile(conf, m, sms, size)
            # several programs a SM below the tables' M, one from there on
            programs = sms * (cfg.FWD_FIT_PROGRAMS_PER_SM if m < cfg.FWD_TABLE_ROWS else 1)
            rows = 2 ** math.floor(math.log2(math.ceil(m / programs)))
            # ... but a tile of at least FWD_FIT_MIN_TILE_BYTES (block_n is a power of two), or
            # of all m rows (padded to a power of two)
            least = max(cfg.FWD_FIT_MIN_TILE_BYTES // (conf.block_n * size), 1)
            rows = max(rows, min(least, 2 ** math.ceil(math.log2(m))))
            if conf.block_m <= rows or conf.splits > 1:  # split rows keep their tile
                assert fit == conf, (n, m)
                continue
            warps = rows * conf.block_n * size // cfg.FWD_FIT_WARP_BYTES
            warps = min(cfg.FWD_FIT_MAX_WARPS, max(cfg.FWD_SHORT_ROW_WARPS, warps))
            if math.ceil(m / rows) >= sms:  # every SM has a program: 4 warps
                warps = cfg.FWD_SHORT_ROW_WARPS
            assert fit == replace(conf, block_m=rows, num_warps=warps), (n, m, fit)
    # Probes 53-54 (log entry 41): 16-bit 256 in 4 rows, 4 warps at M = 8-128, 1 row at M = 1
    short = cfg.forward_config(256, torch.bfloat16)
    assert cfg.fit_forward_tile(short, 8, 132, 2) == replace(short, block_m=4, num_warps=4)
    assert cfg.fit_forward_tile(short, 1, 132, 2) == replace(short, block_m=1, num_warps=4)
    # Probe 57 B (log entry 42): fp32 1024 at M = 512 in 1 row, 4 warps; 8 rows at M = 4096
    fp32 = cfg.forward_config(1024, torch.float32)
    assert cfg.fit_forward_tile(fp32, 512, 132, 4) == replace(fp32, block_m=1, num_warps=4)
    assert cfg.fit_forward_tile(fp32, 4096, 132, 4) == fp32 == replace(fp32, block_m=8)


def test_many_rows_take_their_forward_tiles():
    """Probes 153-154 (log entry 82): fp32 4096 in 2 rows of 16 warps from FWD_MANY_ROWS rows on;
    other widths and dtypes keep the table's tile however many rows."""
    many = cfg.FWD_MANY_ROWS
    fp32 = cfg.forward_config(4096, torch.float32)
    assert (fp32.block_m, fp32.num_warps) == (1, 8)
    assert cfg.fit_forward_tile(fp32, many - 1, 132, 4) == fp32
    for m in (many, 65536):
        assert cfg.fit_forward_tile(fp32, m, 132, 4) == replace(fp32, block_m=2, num_warps=16)
    for n, dtype in [(4096, torch.bfloat16), (8192, torch.float32), (1024, torch.float32),
                     (65536, torch.float32), (32768, torch.float32)]:  # fmt: skip
        conf = cfg.forward_config(n, dtype)
        assert cfg.fit_forward_tile(conf, 65536, 132, dtype.itemsize) == conf, (n, dtype)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="too many programs for the interpreter")
def test_many_rows_tile_runs_and_matches_reference(monkeypatch):
    x, w, b = _inputs((cfg.FWD_MANY_ROWS, 4096), (4096,), torch.float32, "cuda")
    launches = _record_launches(monkeypatch)
    _assert_as_good_as_torch(x, w, b, (4096,))
    assert (ln._fwd_kernel, 2) in launches


@pytest.mark.parametrize("m", [3, 40])
def test_few_rows_run_the_fitted_tiles(m, monkeypatch, device):
    """N = 256 at 16-bit packs 16 rows a forward program and 32 a backward tile at M = 4096;
    fewer rows take at most the rows a program gets: backward 3 rows 1, 40 rows 1 on a GPU and 8
    on the interpreter's 4 programs (10 rows each); forward those of FWD_FIT_PROGRAMS_PER_SM
    programs a SM, at least 4 rows (2 KB)."""
    n = 256
    x, w, b = _inputs((m, n), (n,), torch.bfloat16, device)
    launches = _record_launches(monkeypatch)
    _assert_as_good_as_torch(x, w, b, (n,))
    sms = cfg.sm_count(x.device)
    rows = 2 ** math.floor(math.log2(math.ceil(m / sms)))
    fwd_rows = 2 ** math.floor(math.log2(math.ceil(m / (cfg.FWD_FIT_PROGRAMS_PER_SM * sms))))
    tables = cfg.forward_config(n, torch.bfloat16), cfg.backward_config(n, torch.bfloat16)
    assert [conf.block_m for conf in tables] == [16, 32]
    assert [t for k, t in launches if k is ln._fwd_kernel] == [max(4, fwd_rows)], launches
    assert [t for k, t in launches if k is ln._bwd_kernel] == [min(32, rows)], launches


def test_partial_rows_summed_over_several_loads(monkeypatch, device):
    # Rows kernel groups > PARTIAL_SUM_MAX_ROWS: the sum kernel loops over the partial rows.
    monkeypatch.setattr(cfg, "PARTIAL_SUM_MAX_ROWS", 2)
    cfg.partial_sum_tile.cache_clear()
    try:
        m, n = 13, 200
        x, w, b = (t.detach() for t in _inputs((m, n), (n,), torch.float32, device))
        dy = torch.randn(m, n, device=device)
        _, mean, rstd = ln._forward(x, w, b, 1e-5)
        conf = cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1)
        _, dw, db = ln._backward(dy, x, w, mean, rstd, True, b.dtype, conf)
    finally:
        cfg.partial_sum_tile.cache_clear()
    _, dw_ref, db_ref = reference_grads(x, (n,), w, b, 1e-5, dy)
    assert relative_error(dw, dw_ref) <= TOLERANCES[torch.float32].max_error
    assert relative_error(db, db_ref) <= TOLERANCES[torch.float32].max_error


def test_pipelined_loads_fit_shared_memory_or_fall_back_to_the_prefetch():
    for n, dtype, family, w_size in itertools.product(
        [256, 1024, 4096, 8192, 8704, 10240, 12288, 15360, 16384, 65536],
        [torch.float32, torch.bfloat16],
        cfg.OVERRIDES,
        [0, 2, 4, 8],  # bytes per weight: none, 16-bit, fp32, fp64
    ):
        smem = cfg.DEFAULT_SHARED_MEMORY  # the H100's and H200's
        conf = cfg.backward_config(n, dtype, family, smem, w_size)
        assert cfg.pipeline_shared_memory(conf, dtype.itemsize, w_size) <= smem, (n, conf)
        small = cfg.backward_config(n, dtype, family, 99 * 1024, w_size)  # e.g. sm_89
        if small.load_stages > 1:
            assert cfg.pipeline_shared_memory(small, dtype.itemsize, w_size) <= 99 * 1024, small
        else:
            assert small.prefetch, (n, small)
    # fp32 8192-wide tiles need 128 KB pipelined: more than such a GPU has.
    assert cfg.backward_config(8192, torch.float32).load_stages > 1
    assert cfg.backward_config(8192, torch.float32, shared_memory=99 * 1024).load_stages == 1


def test_overrides_apply_to_their_family_only(monkeypatch):
    assert cfg.forward_config(1024, torch.float32, "H100").block_m == 8  # the measured exception
    assert cfg.forward_config(1024, torch.float16, "H100").block_m == 4  # the rule
    # A masked key applies to rows narrower than their block, before the plain key.
    table = {(4, 16384): dict(num_warps=16), (4, 16384, cfg.MASKED): dict(num_warps=4)}
    monkeypatch.setitem(cfg.OVERRIDES, "test", (table, {}))
    conf = cfg.ForwardConfig(16384, 1, 1, 8)
    assert cfg._override(conf, 16384, torch.float32, "test", 0).num_warps == 16
    assert cfg._override(conf, 14336, torch.float32, "test", 0).num_warps == 4
    # A dtype key applies to that dtype only, before the element size's key of its kind.
    table[torch.float32, 16384] = dict(num_warps=32)
    assert cfg._override(conf, 16384, torch.float32, "test", 0).num_warps == 32
    assert cfg._override(conf, 14336, torch.float32, "test", 0).num_warps == 4
    assert cfg._override(conf, 16384, torch.int32, "test", 0).num_warps == 16
    assert cfg.forward_config(14336, torch.float32, "H200").num_warps == 4
    assert cfg.forward_config(14336, torch.float32, "H100").num_warps == cfg.FWD_LONG_ROW_WARPS
    # H200, 16-bit (probes 57 A, 58, 87-88): 768-1024 in 2 rows with 2 warps, 2048 in 1 row,
    # 1536 keeps the rule's 2 rows and 4 warps, 2049-4095 in 2 rows with 8 warps, 4096 in 1 row
    # with 4; the H100 keeps the rule's 4 and 2 rows with 4 warps (1 row and 8 at 3072-4096).
    # fp32 512: the H200 2 rows with 4 warps, the H100 4 rows with 2. The H200's 2048 is capped
    # at 40 registers and 2049-4095 at 64 (probes 108, 111-112); 4096 and the H100 uncapped.
    # The H200's fp16 4096 (a dtype key) in 2 rows with 8 warps, bf16 4096 in 1 row with 4.
    tiles = {
        (n, dtype, family): (conf.block_m, conf.num_warps, conf.max_registers)
        for n in (768, 1024, 1536, 2048, 2304, 3072, 4096)
        for dtype in (torch.float16, torch.bfloat16)
        for family in ("H100", "H200")
        for conf in [cfg.forward_config(n, dtype, family)]
    }
    expected = {
        **{(n, "H200"): (2, 2, 0) for n in (768, 1024)},
        (1536, "H200"): (2, 4, 0),
        (2048, "H200"): (1, 4, 40),
        **{(n, "H200"): (2, 8, 64) for n in (2304, 3072)},
        (4096, "H200"): (1, 4, 0),
        **{(n, "H100"): (4, 4, 0) for n in (768, 1024)},
        **{(n, "H100"): (2, 4, 0) for n in (1536, 2048)},
        **{(n, "H100"): (1, 8, 0) for n in (2304, 3072, 4096)},
    }
    expected_for_dtype = {(4096, torch.float16, "H200"): (2, 8, 0)}
    assert tiles == {
        (n, dtype, f): expected_for_dtype.get((n, dtype, f), expected[n, f])
        for n, dtype, f in tiles
    }
    # fp32 513-1023: the H200 4 rows (probe 140), the H100 and fp32 1024 the H100's 8.
    fp32_1024 = {
        (n, f): cfg.forward_config(n, torch.float32, f).block_m
        for n in (768, 1024)
        for f in ("H100", "H200")
    }
    assert fp32_1024 == {(768, "H100"): 8, (768, "H200"): 4, (1024, "H100"): 8, (1024, "H200"): 8}
    fp32_512 = {f: cfg.forward_config(512, torch.float32, f) for f in ("H100", "H200")}
    assert {f: (c.block_m, c.num_warps) for f, c in fp32_512.items()} == {
        "H100": (4, 2),
        "H200": (2, 4),
    }
    # 16-bit 512: the H200 4 rows with 1 warp; narrower rows in its block keep the H100's 2 warps.
    short = {
        (n, dtype, f): (c.block_m, c.num_warps)
        for n in (384, 512)
        for dtype in (torch.float16, torch.bfloat16)
        for f in ("H100", "H200")
        for c in [cfg.forward_config(n, dtype, f)]
    }
    assert short == {key: (4, 1 if key[::2] == (512, "H200") else 2) for key in short}
    # fp32 256: the H200 4 rows with 1 warp; 129-255 keep 2 warps (and params_first, below).
    fp32_256 = {
        (n, f): (c.block_m, c.num_warps)
        for n in (200, 256)
        for f in ("H100", "H200")
        for c in [cfg.forward_config(n, torch.float32, f)]
    }
    assert fp32_256 == {
        (200, "H100"): (4, 2),
        (256, "H100"): (4, 2),
        (200, "H200"): (4, 2),
        (256, "H200"): (4, 1),
    }
    # Weight and bias loaded with x at 2048-4096 columns, and on the H200 at fp32 129-255.
    params_first = {
        (n, str(dtype)[6:], f)
        for n in (200, 256, 512, 1024, 2048, 4096)
        for dtype in (torch.float32, torch.bfloat16)
        for f in ("H100", "H200")
        if cfg.forward_config(n, dtype, f).params_first
    }
    assert params_first == {(200, "float32", "H200")} | {
        (n, d, f) for n in (2048, 4096) for d in ("float32", "bfloat16") for f in ("H100", "H200")
    }
    # Two-slice backward rows swap their sums on the H200 too (the fence-free exchange beat
    # computing them whole, probes 64-65), fp32 in 8192-wide slices.
    for n, dtype in itertools.product((12800, 15360, 16384), (torch.bfloat16, torch.float32)):
        conf = cfg.backward_config(n, dtype, "H200")
        assert (conf.block_n, conf.splits, conf.recompute) == (8192, 2, False), (n, conf)

    # The H200 streams rows that would leave a quarter of their block masked off: in exactly
    # tiling chunks with per-lane statistics where up to 12 (fp32: 10) chunks of 1024-4096
    # columns tile the row, more warps past 10240 columns, and at least enough warps that a
    # thread loads 16 B of a chunk, the lanes then counted once; else 16-bit rows of a block of
    # 16384 or wider in 4096-wide chunks. And rows wider than 32768 that up to 7 chunks of
    # 8192-16384 (fp32, up to 65536 columns, 32 warps, counts carried) or 9 of 8192 (16-bit)
    # tile. And rows of 16384-32768 (fp32: 16384) columns that fill their block: in 4 chunks.
    def streaming(n, dtype, family="H200"):
        c = cfg.forward_config(n, dtype, family)
        flags = c.lane_stats and c.l2_hints and c.in_order
        return c.block_n, c.num_chunks, c.num_warps, flags, c.count_once

    assert streaming(20480, torch.bfloat16) == (4096, 5, 16, True, True)
    assert streaming(18432, torch.bfloat16) == (2048, 9, 16, True, True)
    assert streaming(9216, torch.float16) == (1024, 9, 8, True, True)
    assert streaming(12288, torch.bfloat16) == (4096, 3, 16, True, True)
    assert streaming(10240, torch.float32) == (2048, 5, 16, True, True)
    assert streaming(12288, torch.float32) == (4096, 3, 32, True, True)
    assert streaming(18432, torch.float32) == (2048, 9, 32, True, True)
    assert streaming(20480, torch.float32) == (4096, 5, 32, True, True)
    assert streaming(5120, torch.bfloat16) == (1024, 5, 8, True, True)
    assert streaming(6144, torch.float16) == (2048, 3, 8, True, True)
    assert streaming(6144, torch.float32) == (2048, 3, 16, True, True)
    assert streaming(40960, torch.float32) == (8192, 5, 32, True, False)
    assert streaming(65536, torch.float32) == (16384, 4, 32, True, False)
    assert cfg.forward_config(98304, torch.float32, "H200").splits == 6  # 6 chunks of 16384
    assert cfg.forward_config(81920, torch.float32, "H200").splits == 5  # past 65536
    assert cfg.forward_config(36864, torch.float32, "H200").splits == 5  # 4096 divides it
    assert cfg.forward_config(65536, torch.float32, "H100").splits == 8
    assert streaming(57344, torch.bfloat16) == (8192, 7, 32, True, True)
    assert streaming(49152, torch.float16) == (8192, 6, 32, True, True)
    assert streaming(65536, torch.bfloat16) == (8192, 8, 32, True, True)
    assert streaming(73728, torch.bfloat16) == (8192, 9, 32, True, True)
    assert streaming(81920, torch.bfloat16)[3:] == (False, False)  # 10 chunks of 8192
    assert streaming(57344, torch.float32) == (8192, 7, 32, True, False)
    # 11264 takes the wider rows' warps (wide_row 10240), 9216 not.
    assert streaming(11264, torch.float32) == (1024, 11, 32, True, True)
    assert streaming(11264, torch.bfloat16) == (1024, 11, 16, True, True)
    assert streaming(9216, torch.float32) == (1024, 9, 16, True, True)
    assert streaming(22528, torch.float32) == (2048, 11, 32, True, True)
    assert streaming(40960, torch.bfloat16, "H100") == (8192, 5, 32, False, False)

    # Their lanes are merged by plain sums (equal_lanes), except where rows wider than 32768
    # would loop over their chunks in pass 1; pass 1 is one load with a power of two of chunks,
    # and in 16-bit rows padded by up to 3 chunks (wider than 32768: 1) to one, where a thread
    # holds a 16-byte vector of each.
    def lanes(n, dtype):
        c = cfg.forward_config(n, dtype, "H200")
        return c.equal_lanes, c.padded_load, cfg.one_load_chunks(c)

    assert lanes(5120, torch.bfloat16) == (True, False, 0)  # 8 bytes of a 1024-wide chunk
    assert lanes(6144, torch.float16) == (True, True, 4)
    assert lanes(10240, torch.bfloat16) == (True, True, 8)
    assert lanes(12288, torch.bfloat16) == (True, True, 4)
    assert lanes(24576, torch.float16) == (True, True, 8)
    assert lanes(18432, torch.bfloat16) == (True, False, 0)  # 9 chunks
    assert lanes(16384, torch.bfloat16) == (True, False, 4)
    assert lanes(32768, torch.bfloat16) == (True, False, 4)
    assert lanes(12288, torch.float32) == (True, False, 0)
    assert lanes(22528, torch.float32) == (True, False, 0)
    assert lanes(65536, torch.float32) == (True, False, 4)
    assert lanes(65536, torch.float16) == (True, False, 8)
    assert lanes(57344, torch.bfloat16) == (True, True, 8)  # wide rows: one chunk of padding
    assert lanes(49152, torch.float16) == (False, False, 0)
    assert lanes(57344, torch.float32) == (False, False, 0)
    assert lanes(40960, torch.float32) == (False, False, 0)
    assert lanes(40960, torch.float16) == (False, False, 0)
    assert lanes(73728, torch.bfloat16) == (False, False, 0)
    # Only the 16-bit 32768-wide rows (4 chunks, 32 warps) are capped at 32 registers.
    capped = {
        (n, dtype): conf.max_registers
        for n in (4096, 8192, 16384, 32768, 65536)
        for dtype in (torch.float32, torch.float16, torch.bfloat16)
        for conf in [cfg.forward_config(n, dtype, "H200")]
        if conf.max_registers
    }
    assert capped == {(32768, torch.float16): 32, (32768, torch.bfloat16): 32}
    # Pass 2 one chunk ahead (FWD_PASS2_AHEAD): fp32 rows of 4097-12288 columns in chunks of
    # 1024-2048, 16-bit rows of 49153-73728 in chunks of 8192; nothing on the H100.
    ahead = {
        (n, dtype)
        for n in range(1024, 131073, 1024)
        for dtype in (torch.float32, torch.float16, torch.bfloat16)
        if cfg.forward_config(n, dtype, "H200").pass2_ahead
    }
    assert ahead == {(n, torch.float32) for n in (5120, 6144, 9216, 10240, 11264)} | {
        (n, d) for n in (57344, 65536, 73728) for d in (torch.float16, torch.bfloat16)
    }
    assert not cfg.forward_config(65536, torch.bfloat16, "H100").pass2_ahead
    # y as streaming stores (FWD_STREAMING_STORE_ROW_BYTES): rows wider than 32 KB on the H200,
    # whatever their kind (whole, streamed, split); nothing on the H100.
    for n in (256, 8192, 8193, 16384, 16385, 32768, 65536, 131072):
        for dtype in (torch.float32, torch.float16, torch.bfloat16):
            wide = n * dtype.itemsize > 32768
            assert cfg.forward_config(n, dtype, "H200").streaming_store == wide, (n, dtype)
            assert not cfg.forward_config(n, dtype, "H100").streaming_store

    # And 16-bit rows of 98305-131072 and 229377-262144 columns: split over 7-8 and 15-16
    # slices of 16384, lagged.
    def lagged(n, dtype, family="H200"):
        c = cfg.forward_config(n, dtype, family)
        return c.block_n, c.splits, c.block_m, c.num_warps, c.lag

    assert lagged(131072, torch.bfloat16) == (16384, 8, 1, 8, True)
    assert lagged(114688, torch.float16) == (16384, 7, 1, 8, True)
    assert lagged(100000, torch.bfloat16) == (16384, 7, 1, 8, True)
    assert lagged(240000, torch.bfloat16) == (16384, 15, 1, 8, True)
    assert lagged(262144, torch.float16) == (16384, 16, 1, 8, True)
    for n, dtype, family in [
        (98304, torch.bfloat16, "H200"),
        (131073, torch.float16, "H200"),
        (229376, torch.float16, "H200"),
        (262145, torch.bfloat16, "H200"),
        (131072, torch.float32, "H200"),
        (131072, torch.bfloat16, "H100"),
    ]:
        assert not cfg.forward_config(n, dtype, family).lag, (n, dtype, family)
    assert streaming(8192, torch.bfloat16) == (8192, 1, 8, False, False)  # entry 62
    assert streaming(16384, torch.float16) == (4096, 4, 16, True, True)
    assert streaming(32768, torch.bfloat16) == (8192, 4, 32, True, True)
    assert streaming(8192, torch.float32) == (8192, 1, 8, False, False)
    assert streaming(16384, torch.float32) == (4096, 4, 32, True, True)
    assert streaming(32768, torch.float32)[:2] == (32768, 1)  # 8192-wide chunks lost
    assert streaming(4096, torch.bfloat16)[:2] == (4096, 1)  # so did 2048-4096 columns
    assert streaming(16384, torch.bfloat16, "H100")[:2] == (16384, 1)
    assert streaming(20000, torch.bfloat16) == (4096, 5, 8, False, False)  # ragged last chunk
    assert streaming(19456, torch.bfloat16) == (4096, 5, 8, False, False)  # 19 chunks of 1024
    assert streaming(20000, torch.float32)[1] == 1
    # Rows that fill three quarters of their block or more (FWD_STREAM_NEARLY_FULL): 16-bit in
    # up to 15 chunks of 2048-4096 (16 warps up to 16384 columns, then 32), fp32 in up to 7 of
    # 4096; in chunks of 1024 (or fp32 of 2048) they stay whole.
    assert streaming(14336, torch.bfloat16) == (2048, 7, 16, True, True)
    assert streaming(26624, torch.float16) == (2048, 13, 32, True, True)
    assert streaming(28672, torch.bfloat16) == (4096, 7, 32, True, True)
    assert streaming(30720, torch.float16) == (2048, 15, 32, True, True)
    assert streaming(28672, torch.float32) == (4096, 7, 32, True, True)
    assert streaming(13312, torch.bfloat16)[1] == 1  # 13 chunks of 1024
    assert streaming(25600, torch.float16)[1] == 1  # 25 of 1024
    assert streaming(26624, torch.float32)[1] == 1  # 13 of 2048
    assert streaming(14336, torch.float32)[1] == 1  # 7 of 2048
    assert streaming(28672, torch.bfloat16, "H100")[1] == 1

    # fp32 rows of 16385-24576 that would leave a quarter of their block masked off and that no
    # exact-chunk rule streams (FWD_SPLIT_PADDED_ROWS): split in 3 slices of 8192, 2-row tiles.
    def split(n, dtype=torch.float32, family="H200"):
        c = cfg.forward_config(n, dtype, family)
        return c.block_n, c.num_chunks, c.block_m, c.num_warps, c.splits

    for n in (16385, 17408, 20000, 23552):
        assert split(n) == (8192, 1, 2, 8, 3), n
    assert split(18432)[1:] == (9, 1, 32, 1)  # streamed: 9 chunks of 2048
    assert split(25600)[:2] == (32768, 1)  # 4 slices tied or lost
    assert split(17408, torch.bfloat16)[4] == 1
    assert split(17408, family="H100")[4] == 1
    assert streaming(4096 + 1024, torch.float32, "H100")[1] == 1
    assert streaming(20480, torch.bfloat16, "H100")[1] == 1
    # Unknown GPUs and the CPU use the default family's table.
    assert cfg.forward_config(1024, torch.float32, "A100") == cfg.forward_config(
        1024, torch.float32, cfg.DEFAULT_FAMILY
    )
    assert cfg.gpu_family(torch.device("cpu")) == cfg.DEFAULT_FAMILY


# Configs for the paths wide rows take on a GPU, at sizes the interpreter runs quickly: small
# chunks, several row groups, a ragged last chunk or slice; whole-row tiles of 2 rows with
# prefetched or pipelined loads (on the CPU, pipelining is a plain loop). Split rows swap their
# statistics or sums in two launches on the CPU (the interpreter cannot run the exchange, whose
# programs wait for each other) and in both ways on a GPU.
EXPLICIT_CONFIGS = {
    "streamed/split": (
        cfg.ForwardConfig(block_n=64, num_chunks=4, block_m=1, num_warps=2),
        cfg.BackwardConfig(64, 4, 1, 2, programs_per_sm=1),
    ),
    "split-tiles": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=2, num_warps=2, splits=2),
        cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # 3 slices (groups of an odd size), the third past the row's end: it adds nothing.
    "3-splits": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=2, num_warps=2, splits=3),
        cfg.BackwardConfig(128, 3, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # 8 slices of 2-row tiles: 16 slots a tile, waited for in two rounds of 8 on a GPU; the
    # seventh slice partly, the eighth wholly past the row's end.
    "8-splits": (
        cfg.ForwardConfig(block_n=32, num_chunks=1, block_m=2, num_warps=2, splits=8),
        cfg.BackwardConfig(32, 8, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # Split rows with pipelined loads: on a GPU the exchange waits in inline asm (_await_slots).
    "split-pipelined": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=2, num_warps=2, splits=2),
        cfg.BackwardConfig(128, 3, 2, 2, programs_per_sm=1, load_stages=3),
    ),
    # Two slices, each program computing the row sums whole (no exchange, on the CPU too).
    "split-recompute": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=2, num_warps=2, splits=2),
        cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3, recompute=True),
    ),
    # Split rows finished one tile late (lag): pipelined and strided, or prefetched in 3 slices.
    "split-lagged": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=2, num_warps=2, splits=2, lag=True),
        cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3, strided=True, lag=True),
    ),
    "3-splits-lagged": (
        cfg.ForwardConfig(block_n=128, num_chunks=1, block_m=1, num_warps=2, splits=3, lag=True),
        cfg.BackwardConfig(128, 3, 1, 2, programs_per_sm=1, prefetch=True, lag=True),
    ),
    "two-launch": (
        cfg.ForwardConfig(
            block_n=64, num_chunks=1, block_m=2, num_warps=2, splits=4, exchange=False
        ),
        cfg.BackwardConfig(64, 4, 2, 2, programs_per_sm=1, prefetch=True, exchange=False),
    ),
    # Streamed rows with per-lane statistics and L2 hints: a ragged last chunk, or chunks that
    # tile the row exactly (no masks: FULL_TILES); the latter also with per-chunk statistics.
    "streamed-lane-stats": (
        cfg.ForwardConfig(block_n=64, num_chunks=4, block_m=1, num_warps=2, lane_stats=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "streamed-lane-stats-exact": (
        cfg.ForwardConfig(8, 25, 1, 1, lane_stats=True, l2_hints=True, in_order=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # The lanes' counts computed once after pass 1 (ragged: from the columns; exact: constant).
    "streamed-count-once": (
        cfg.ForwardConfig(64, 4, 1, 2, lane_stats=True, count_once=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "streamed-count-once-exact": (
        cfg.ForwardConfig(8, 25, 1, 1, lane_stats=True, l2_hints=True, count_once=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # Exact chunks whose lanes are merged by plain sums (ForwardConfig.equal_lanes).
    "streamed-equal-lanes": (
        cfg.ForwardConfig(8, 25, 1, 1, lane_stats=True, count_once=True, equal_lanes=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "streamed-equal-lanes-padded": (
        cfg.ForwardConfig(
            8, 25, 1, 1, lane_stats=True, count_once=True, equal_lanes=True, padded_load=True
        ),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    # Pass 2 one chunk ahead (ForwardConfig.pass2_ahead): last chunk first with a ragged last
    # chunk, and first chunk first over exact ones.
    "streamed-pass2-ahead": (
        cfg.ForwardConfig(64, 4, 1, 2, lane_stats=True, pass2_ahead=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "streamed-pass2-ahead-exact": (
        cfg.ForwardConfig(8, 25, 1, 1, **EQUAL, in_order=True, pass2_ahead=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "streamed-exact": (
        cfg.ForwardConfig(8, 25, 1, 1, l2_hints=True),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "whole-tiles": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, prefetch=True),
    ),
    "whole-tiles-pipelined": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, load_stages=3),
    ),
    # Whole rows as two blocks, 128 + a ragged 128-wide tail; weights per row or in registers.
    "whole-tail-pipelined": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(
            128, 1, 2, 2, programs_per_sm=1, load_stages=3, tail_n=128, weights_per_row=True
        ),
    ),
    "whole-tail-prefetch": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(128, 1, 2, 2, programs_per_sm=1, prefetch=True, tail_n=128),
    ),
    # Split rows of two slices of 64 + a 64-wide tail (the second slice's tail ragged), the
    # sums swapped (in two launches on the CPU), pipelined or prefetched.
    "split-tail-pipelined": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(
            64, 2, 2, 2, programs_per_sm=1, load_stages=3, tail_n=64, weights_per_row=True
        ),
    ),
    "split-tail-prefetch": (
        cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=2, num_warps=2),
        cfg.BackwardConfig(64, 2, 2, 2, programs_per_sm=1, prefetch=True, tail_n=64),
    ),
}


@pytest.mark.parametrize("configs", EXPLICIT_CONFIGS.values(), ids=EXPLICIT_CONFIGS.keys())
@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16], ids=str)
def test_explicit_configs(configs, dtype, device):
    m, n = 13, 200
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), dtype, device))
    dy = torch.randn(m, n, device=device).to(dtype)
    fwd, bwd = configs
    y, mean, rstd = ln._forward(x, w, b, 1e-5, fwd)
    grads = ln._backward(dy, x, w, mean, rstd, True, b.dtype, bwd)
    expected = [
        kernels.layer_norm_reference(x, (n,), w, b),
        *reference_grads(x, (n,), w, b, 1e-5, dy),
    ]
    for name, got, ref in zip(["y", "dx", "dw", "db"], [y, *grads], expected, strict=True):
        assert relative_error(got, ref) <= TOLERANCES[dtype].max_error, name


@pytest.mark.parametrize("name", ["streamed-pass2-ahead", "streamed-pass2-ahead-exact"])
def test_pass2_ahead_only_moves_the_loads(name, device):
    """Pass 2 one chunk ahead loads the same chunks and does the same arithmetic: y bitwise
    as without it, every chunk stored (ragged, last chunk first; exact, first chunk first)."""
    conf = EXPLICIT_CONFIGS[name][0]
    m, n = 5, 200
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), torch.bfloat16, device))
    y = ln._forward(x, w, b, 1e-5, conf)[0]
    assert torch.equal(y, ln._forward(x, w, b, 1e-5, replace(conf, pass2_ahead=False))[0])
    assert relative_error(y, kernels.layer_norm_reference(x, (n,), w, b)) <= (
        TOLERANCES[torch.bfloat16].max_error
    )


@pytest.mark.parametrize("name", ["whole-tiles", "streamed-pass2-ahead-exact", "split-tiles"])
def test_streaming_store_changes_only_the_cache_hint(name, device):
    """y stored as streaming stores (ForwardConfig.streaming_store) in whole, streamed and split
    rows: bitwise the plain stores' y, mean and rstd."""
    conf = EXPLICIT_CONFIGS[name][0]
    m, n = 5, 200
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), torch.bfloat16, device))
    streamed = ln._forward(x, w, b, 1e-5, replace(conf, streaming_store=True))
    plain = ln._forward(x, w, b, 1e-5, conf)
    assert all(map(torch.equal, streamed, plain))
    assert relative_error(streamed[0], kernels.layer_norm_reference(x, (n,), w, b)) <= (
        TOLERANCES[torch.bfloat16].max_error
    )


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16], ids=str)
def test_the_h200s_lagged_forward_slices_at_their_width(dtype, device):
    """The H200's rule for 16-bit rows of 98305-131072 columns (FWD_LAGGED_SLICES: 7 lagged
    16384-wide slices here, the last mostly past the row's end) at a real width, few rows: y,
    mean and rstd as the reference's and bitwise as without the lag."""
    m, n = 3, 100000
    conf = cfg.forward_config(n, dtype, "H200")
    assert (conf.splits, conf.lag) == (7, True)
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), dtype, device))
    y, mean, rstd = ln._forward(x, w, b, 1e-5, conf)
    assert relative_error(y, kernels.layer_norm_reference(x, (n,), w, b)) <= (
        TOLERANCES[dtype].max_error
    )
    x64 = x.double()
    assert torch.allclose(mean.double(), x64.mean(-1), rtol=1e-5, atol=1e-5)
    rstd_ref = torch.rsqrt(x64.var(-1, unbiased=False) + 1e-5)
    assert torch.allclose(rstd.double(), rstd_ref, rtol=1e-5)
    unlagged = ln._forward(x, w, b, 1e-5, replace(conf, lag=False))
    for got, expected in zip((y, mean, rstd), unlagged, strict=True):
        assert torch.equal(got, expected)


@pytest.mark.parametrize(
    "dtype, n, kind",
    [(torch.bfloat16, 28672, "streamed"), (torch.float32, 28672, "streamed")]
    + [(torch.float32, 17408, "split"), (torch.float32, 20000, "split")],
    ids=str,
)
def test_the_h200s_nearly_full_and_padded_split_rows_at_their_width(dtype, n, kind, device):
    """The H200's rules for rows that nearly fill their block (FWD_STREAM_NEARLY_FULL: 7
    chunks of 4096) and for fp32 rows of 16385-24576 columns that would be padded
    (FWD_SPLIT_PADDED_ROWS: 3 slices of 8192, the last partly past the row's end) at real
    widths, few rows: y, mean and rstd as the reference's, with the first value 1e3 away (the
    streamed rows' mean, shift plus the lanes' shifted mean, held to two ulps of 1e3 as in
    test_lane_statistics_are_stable_when_the_first_value_is_an_outlier)."""
    m = 3
    conf = cfg.forward_config(n, dtype, "H200")
    assert (conf.num_chunks > 1, conf.splits > 1) == (kind == "streamed", kind == "split"), conf
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), dtype, device))
    x[0, 0] += 1e3
    y, mean, rstd = ln._forward(x, w, b, 1e-5, conf)
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    torch_err = relative_error(F.layer_norm(x, (n,), w, b, 1e-5), ref)
    assert relative_error(y, ref) <= 2 * torch_err + TOLERANCES[dtype].floor
    x64 = x.double()
    ulp = 2.0 ** (math.floor(math.log2(1e3)) - 23)
    assert torch.allclose(mean.double(), x64.mean(-1), rtol=0, atol=2 * ulp)
    rstd_ref = torch.rsqrt(x64.var(-1, unbiased=False) + 1e-5)
    assert torch.allclose(rstd.double(), rstd_ref, rtol=1e-4)


@pytest.mark.parametrize("name", ["split-tiles", "3-splits", "split-pipelined"])
def test_split_rows_propagate_nan_and_inf_like_torch(name, device):
    """A NaN or an inf in one slice of a split row reaches every slice, forward and backward,
    as in PyTorch, and the other rows keep their numbers. (On a GPU the exchange's empty slots
    are a NaN pattern: a row whose sums are NaN must still read as written.)"""
    fwd, bwd = EXPLICIT_CONFIGS[name]
    m, n = 6, 200
    x = torch.randn(m, n, device=device)
    x[1, 3] = math.nan
    x[2, 150] = math.inf
    w, b, dy = torch.randn(n, device=device), torch.randn(n, device=device), torch.randn_like(x)
    y, mean, rstd = ln._forward(x, w, b, 1e-5, fwd)
    dx = ln._backward(dy, x, w, mean, rstd, True, b.dtype, bwd)[0]
    x_ref = x.clone().requires_grad_()
    y_ref = F.layer_norm(x_ref, (n,), w, b)
    y_ref.backward(dy)
    finite = [0, 3, 4, 5]
    for ours, theirs in ((y, y_ref.detach()), (dx, x_ref.grad)):
        assert torch.equal(ours.isnan(), theirs.isnan())
        torch.testing.assert_close(ours[finite], theirs[finite])


@pytest.mark.parametrize("affine", [True, False], ids=["weights", "no-weights"])
def test_recomputed_row_sums_give_the_swapped_sums_numbers(affine, device):
    """Two slices that each compute the row sums whole add the same two pairs as a swap does
    (s_0 + s_1 == s_1 + s_0): dx, dweight and dbias bitwise the swap's (ragged second slice)."""
    m, n = 13, 200
    inputs = _inputs((m, n), (n,), torch.bfloat16, device, (affine, affine))
    x, w, b = (None if t is None else t.detach() for t in inputs)
    dy = torch.randn(m, n, device=device).to(torch.bfloat16)
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    swap = cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3)
    grads = [
        ln._backward(dy, x, w, mean, rstd, affine, torch.bfloat16 if affine else None, conf)
        for conf in (swap, replace(swap, recompute=True))
    ]
    for swapped, recomputed in zip(*grads, strict=True):
        assert (swapped is None and recomputed is None) or torch.equal(swapped, recomputed)
    with pytest.raises(ValueError, match="recompute needs splits == 2"):
        ln._backward(dy, x, w, mean, rstd, False, None, replace(swap, splits=3, recompute=True))


STRIDED_WALKS = {
    "whole": cfg.BackwardConfig(256, 1, 2, 2, programs_per_sm=1, load_stages=3),
    "whole-tail": cfg.BackwardConfig(
        128, 1, 2, 2, programs_per_sm=1, load_stages=3, tail_n=128, weights_per_row=True
    ),
    "split": cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3),
    "split-recompute": cfg.BackwardConfig(
        128, 2, 1, 2, programs_per_sm=1, load_stages=3, recompute=True
    ),
}


@pytest.mark.parametrize("conf", STRIDED_WALKS.values(), ids=STRIDED_WALKS.keys())
def test_strided_row_walk_gives_the_contiguous_walks_dx(conf, device):
    """Groups that walk their row tiles strided over the grid compute each row as a contiguous
    run does: dx bitwise the same; dweight and dbias (other summation order) within tolerance.
    Several row tiles a group (on the device's whole grid), the last one ragged. Refused with
    the register prefetch."""
    programs = cfg.sm_count(torch.device(device))
    m, n, dtype = 2 * programs * conf.block_m + 5, 200, torch.bfloat16
    _, rows_per_group = ln._persistent_groups(m, conf.block_m, conf.splits, programs)
    assert rows_per_group >= 3 * conf.block_m and m % rows_per_group, (m, rows_per_group)
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), dtype, device))
    dy = torch.randn(m, n, device=device).to(dtype)
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    contiguous, strided = (
        ln._backward(dy, x, w, mean, rstd, True, dtype, replace(conf, strided=walk))
        for walk in (False, True)
    )
    assert torch.equal(contiguous[0], strided[0])
    for name, got, ref in zip(
        ["dx", "dw", "db"], strided, reference_grads(x, (n,), w, b, 1e-5, dy), strict=True
    ):
        assert relative_error(got, ref) <= TOLERANCES[dtype].max_error, name
    with pytest.raises(ValueError, match="strided does not take the register prefetch"):
        bad = replace(conf, strided=True, prefetch=True, load_stages=1)
        ln._backward(dy, x, w, mean, rstd, True, dtype, bad)


LAGGED = {
    "contiguous": cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3),
    "strided": cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3, strided=True),
    "prefetch-4-splits": cfg.BackwardConfig(64, 4, 1, 2, programs_per_sm=1, prefetch=True),
    "weights-per-row": cfg.BackwardConfig(
        128, 2, 2, 2, programs_per_sm=1, load_stages=3, weights_per_row=True
    ),
}


@pytest.mark.parametrize("affine", [True, False], ids=["weights", "no-weights"])
@pytest.mark.parametrize("conf", LAGGED.values(), ids=LAGGED.keys())
def test_lagged_split_rows_give_the_same_grads(conf, affine, device):
    """Row tiles finished one iteration late (BackwardConfig.lag) give bitwise the dx, dweight
    and dbias of tiles finished in their own iteration (the same sums, xhat and w*dy computed
    again by the same code, the tiles added in the same order); the forward's (ForwardConfig.lag)
    bitwise its y, mean and rstd. Several tiles a group, the last ragged. Whole rows, recompute
    and tails are refused."""
    programs = cfg.sm_count(torch.device(device))
    m, n, dtype = 2 * programs * conf.block_m + 5, 200, torch.bfloat16
    x, w, b = (
        t if t is None else t.detach()
        for t in _inputs((m, n), (n,), dtype, device, (affine, affine))
    )
    dy = torch.randn(m, n, device=device).to(dtype)
    fwd = cfg.ForwardConfig(conf.block_n, 1, conf.block_m, conf.num_warps, splits=conf.splits)
    y, mean, rstd = ln._forward(x, w, b, 1e-5, fwd)
    lagged = ln._forward(x, w, b, 1e-5, replace(fwd, lag=True))
    for got, expected in zip(lagged, (y, mean, rstd), strict=True):
        assert torch.equal(got, expected)
    with pytest.raises(ValueError, match="ForwardConfig.lag needs split rows"):
        ln._forward(x, w, b, 1e-5, replace(fwd, splits=1, block_n=256, lag=True))
    db_dtype = dtype if affine else None
    late, own = (
        ln._backward(dy, x, w, mean, rstd, affine, db_dtype, replace(conf, lag=lag))
        for lag in (True, False)
    )
    for got, expected in zip(late, own, strict=True):
        assert (got is None and expected is None) or torch.equal(got, expected)
    assert relative_error(late[0], reference_grads(x, (n,), w, b, 1e-5, dy)[0]) <= (
        TOLERANCES[dtype].max_error
    )
    for bad in (
        replace(conf, splits=1, block_n=256, lag=True),
        replace(conf, splits=2, block_n=128, recompute=True, lag=True),
        replace(conf, splits=2, block_n=64, tail_n=64, weights_per_row=True, lag=True),
    ):
        with pytest.raises(ValueError, match="lag needs split rows that swap their sums"):
            ln._backward(dy, x, w, mean, rstd, affine, db_dtype, bad)


@pytest.mark.parametrize("affine", [True, False], ids=["weights", "no-weights"])
def test_tail_blocks_give_the_split_rows_dx(affine, device):
    """A whole row as two blocks adds its two pieces' row sums as a two-slice split row adds its
    slices': the same dx, bitwise (dweight and dbias add other row groups: see
    test_explicit_configs); and two slices of a block and a tail each add theirs as four slices
    of one block do, pairwise ((b0 + t0) + (b1 + t1) against exchanged b0 + b1 + b2 + b3, so
    within rounding). Configs that leave columns uncovered, or a recompute with tails, are
    refused."""
    m, n = 13, 200
    inputs = _inputs((m, n), (n,), torch.bfloat16, device, (affine, affine))
    x, w, b = (None if t is None else t.detach() for t in inputs)
    dy = torch.randn(m, n, device=device).to(torch.bfloat16)
    _, mean, rstd = ln._forward(x, w, b, 1e-5)
    split = cfg.BackwardConfig(128, 2, 2, 2, programs_per_sm=1, load_stages=3, recompute=True)
    tail = replace(split, splits=1, recompute=False, tail_n=128, weights_per_row=True)
    dx = [ln._backward(dy, x, w, mean, rstd, False, None, conf)[0] for conf in (split, tail)]
    assert torch.equal(*dx)
    quarters = cfg.BackwardConfig(64, 4, 2, 2, programs_per_sm=1, load_stages=3, exchange=False)
    halves = replace(quarters, splits=2, tail_n=64, weights_per_row=True)
    dx = [ln._backward(dy, x, w, mean, rstd, False, None, conf)[0] for conf in (quarters, halves)]
    torch.testing.assert_close(*dx, rtol=1e-2, atol=1e-2)
    bad_configs = {
        "fewer than N": (replace(tail, tail_n=64), replace(halves, tail_n=32)),
        "recompute does not take a tail": (replace(halves, recompute=True, exchange=True),),
    }
    for message, bads in bad_configs.items():
        for bad in bads:
            with pytest.raises(ValueError, match=message):
                ln._backward(dy, x, w, mean, rstd, False, None, bad)


@pytest.mark.parametrize("m", [8, 6])  # full tiles of 4 rows; the last tile half empty
def test_full_tiles_and_inference_give_the_same_numbers(m, monkeypatch, device):
    """Full tiles (N == block_n, M a multiple of block_m) drop the masks and divide by N as an
    exact multiplication: bitwise the masked kernel's result. Inference writes no statistics;
    loading weight and bias before the reductions changes no number either."""
    n, conf = 256, cfg.ForwardConfig(block_n=256, num_chunks=1, block_m=4, num_warps=2)
    x, w, b = (t.detach() for t in _inputs((m, n), (n,), torch.float32, device))
    launches = []
    launch = ln._launch
    monkeypatch.setattr(ln, "_launch", lambda *a, **k: launches.append(a[3]) or launch(*a, **k))
    y, mean, rstd = ln._forward(x, w, b, 1e-5, conf)
    y_inference, *no_stats = ln._forward(x, w, b, 1e-5, conf, stats=False)
    assert [c["FULL_TILES"] for c in launches] == [m % 4 == 0] * 2
    assert [c["STORE_STATS"] for c in launches] == [True, False]
    assert no_stats == [None, None]
    assert torch.equal(y_inference, y)
    y_params_first = ln._forward(x, w, b, 1e-5, replace(conf, params_first=True), stats=False)[0]
    assert [c["PARAMS_FIRST"] for c in launches] == [False, False, True]
    assert torch.equal(y_params_first, y)
    var, ref_mean = torch.var_mean(x, dim=1, unbiased=False)
    torch.testing.assert_close(mean, ref_mean)
    torch.testing.assert_close(rstd, torch.rsqrt(var + 1e-5))
    ref = kernels.layer_norm_reference(x, (n,), w, b)
    assert relative_error(y, ref) <= TOLERANCES[torch.float32].max_error
    masked = torch.empty_like(y)
    consts = dict(launches[0], FULL_TILES=False)
    launch(
        ln._fwd_kernel,
        (m // 4 + (m % 4 > 0),),
        (x, masked, w, b, mean, rstd, n, m, n, 1e-5),
        consts,
        num_warps=2,
    )
    assert torch.equal(masked, y)
