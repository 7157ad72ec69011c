"""Shared test setup.

Without CUDA the kernels run on CPU tensors through Triton's interpreter: TRITON_INTERPRET must be
set before triton or kernels is imported, which is why it is set here, at collection time.
With CUDA the very same tests run on the GPU.
"""

import os

import torch

if not torch.cuda.is_available():
    os.environ.setdefault("TRITON_INTERPRET", "1")

import pytest  # noqa: E402

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


@pytest.fixture
def device() -> str:
    """Where the Triton kernels run: the GPU, or the CPU under the interpreter."""
    return DEVICE


@pytest.fixture(autouse=True)
def _seed():
    torch.manual_seed(0)
