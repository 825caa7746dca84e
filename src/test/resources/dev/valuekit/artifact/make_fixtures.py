"""Writes the safetensors fixtures that ForeignFilesTest reads, with the reference implementation
(Hugging Face's `safetensors` Python package, 0.8.0, and numpy), so that valuekit's reader is checked
against files it did not write. Run from this directory:  python3 make_fixtures.py
"""
import numpy as np
from safetensors import TensorSpec, serialize_file
from safetensors.numpy import save_file

# F32 and F64, a scalar, an empty tensor, metadata as PyTorch writes it.
save_file(
    {
        "layer.0.weight": np.array([[1.5, -2.25, 3.0], [0.1, 1e-30, -7.0]], dtype="<f4"),
        "layer.0.bias": np.array([0.5, -0.125, 1e300], dtype="<f8"),
        "scale": np.array(2.5, dtype="<f4"),
        "empty": np.zeros((0, 4), dtype="<f4"),
    },
    "python-mixed.safetensors",
    metadata={"format": "pt"},
)

# A bfloat16 tensor (valuekit must refuse it by name); numpy has no bfloat16, so raw bytes.
bf16 = np.array([0x3F80, 0x4000], dtype="<u2")  # 1.0 and 2.0 as bfloat16 bits
serialize_file(
    {"embed.weight": TensorSpec(dtype="bfloat16", shape=[2], data_ptr=bf16.ctypes.data, data_len=bf16.nbytes)},
    "python-bf16.safetensors",
)
