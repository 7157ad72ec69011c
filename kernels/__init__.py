"""A Triton LayerNorm for PyTorch: forward and backward, fp32/fp16/bf16, any shape.

``layer_norm`` mirrors ``torch.nn.functional.layer_norm`` and ``LayerNorm`` mirrors
``torch.nn.LayerNorm``; both are registered as the custom op ``torch.ops.kernels.layer_norm_fwd``
(and ``layer_norm_bwd``) so ``torch.compile`` sees one node. See README.md.
"""

from .layernorm import LayerNorm, layer_norm, triton_layerNorm_kernel
from .reference import layer_norm_reference

__all__ = ["LayerNorm", "layer_norm", "layer_norm_reference", "triton_layerNorm_kernel"]
__version__ = "0.1.0"
