"""The one float64 reference and the one tolerance table.

Everything that checks numbers (the unit tests, the benchmark harness before it times a provider)
compares against :func:`layer_norm_reference` / :func:`reference_grads` with the tolerances in
:data:`TOLERANCES`.

Error metric (:func:`relative_error`): ``max|actual - expected| / max|expected|`` — a max-norm error
relative to the tensor's scale, so one number works for outputs (O(1)) and for gradients whose
scale depends on the shape (dweight grows with the number of rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass(frozen=True)
class Tolerance:
    """Allowed error of the Triton kernel for one dtype.

    ``max_error``: an absolute bound on :func:`relative_error`, used where no same-dtype PyTorch
    result is at hand (the harness's check before timing).
    ``floor``: the slack added to twice PyTorch's own same-dtype error in the unit tests
    (``kernel_error <= 2 * torch_error + floor``).
    """

    max_error: float
    floor: float


# Storage rounding alone is 2**-24 (fp32), 2**-11 (fp16), 2**-8 (bf16) relative to the largest
# element; the bounds leave room for fp32 accumulation-order differences and a rounded weight.
TOLERANCES: dict[torch.dtype, Tolerance] = {
    torch.float32: Tolerance(max_error=1e-4, floor=1e-5),
    torch.float16: Tolerance(max_error=5e-3, floor=1e-3),
    torch.bfloat16: Tolerance(max_error=3e-2, floor=8e-3),
}


def layer_norm_reference(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    """LayerNorm computed in float64 on the inputs' device; returns float64.

    Differentiable: gradients flow back to the (lower-precision) inputs through the casts; use
    :func:`reference_grads` for float64 gradients.
    """
    up = [None if t is None else t.to(torch.float64) for t in (x, weight, bias)]
    return F.layer_norm(up[0], normalized_shape, up[1], up[2], eps)


def reference_grads(x, normalized_shape, weight, bias, eps, dy):
    """float64 (dx, dweight, dbias) for upstream gradient ``dy``; None where the input is None."""
    leaves = [
        None if t is None else t.detach().to(torch.float64).requires_grad_()
        for t in (x, weight, bias)
    ]
    y = F.layer_norm(leaves[0], normalized_shape, leaves[1], leaves[2], eps)
    wanted = [t for t in leaves if t is not None]
    grads = iter(torch.autograd.grad(y, wanted, dy.to(torch.float64)))
    return tuple(None if t is None else next(grads) for t in leaves)


# Below this scale an expected tensor counts as zero (e.g. dweight when every row has one element:
# exactly 0, computed by the float64 reference as ~1e-14).
SCALE_FLOOR = 1e-6


def relative_error(actual: torch.Tensor, expected: torch.Tensor) -> float:
    """``max|actual - expected| / max(max|expected|, SCALE_FLOOR)``.

    inf when the shapes differ or NaNs are not in the same places.
    """
    if actual.shape != expected.shape:
        return float("inf")
    a, e = actual.detach().to(torch.float64), expected.detach().to(torch.float64)
    if not torch.equal(torch.isnan(a), torch.isnan(e)):
        return float("inf")
    finite = ~torch.isnan(e)
    if a.numel() == 0 or not finite.any():
        return 0.0
    diff = (a[finite] - e[finite]).abs().max().item()
    return diff / max(e[finite].abs().max().item(), SCALE_FLOOR)


def assert_close(actual: torch.Tensor, expected: torch.Tensor, dtype: torch.dtype, name: str):
    """Raise AssertionError naming ``name`` when ``actual`` is outside ``TOLERANCES[dtype]``."""
    err = relative_error(actual, expected)
    bound = TOLERANCES[dtype].max_error
    if not err <= bound:
        raise AssertionError(
            f"{name}: relative max error {err:.3g} exceeds the {dtype} tolerance {bound:g} "
            f"(shape {tuple(actual.shape)})"
        )
