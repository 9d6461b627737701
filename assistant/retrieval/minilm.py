"""all-MiniLM-L6-v2's forward pass in plain torch, for the local embeddings.

It runs the operations sentence-transformers runs (transformers' BertModel with SDPA attention, mean pooling,
L2 normalisation, batches of 32 sorted by length), in the same order, so the vectors are bit-for-bit the
same; tests/test_cli_startup.py checks that against sentence-transformers itself. Importing torch alone
instead of sentence-transformers and transformers saves about 3 s of start-up.

In ``bfloat16`` (chosen where the CPU has native bf16 matrix units, see ``bf16_native``) the weights are
prepacked once for oneDNN and every layer runs in bf16: 2–10× faster (the linear layers are bound by memory
for one short question), with vectors at cosine 0.9998 or more to float32 (tests/test_embedding_precision.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import numpy as np

Precision = Literal["float32", "bfloat16"]

# sentence-transformers' defaults for this model: batches decide the padding, and padding the last bits.
BATCH_SIZE = 32
# oneDNN's hint of rows per product when packing bf16 weights: good for one question and for batches alike.
PACK_ROWS = 16


def bf16_native() -> bool:
    """Whether this CPU multiplies bf16 natively (AVX-512 BF16 or AMX); elsewhere bf16 is emulated and slower."""
    import torch

    try:
        return bool(torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported())  # type: ignore[no-untyped-call]
    except (AttributeError, RuntimeError):  # an older or different torch build: stay on float32
        return False


class MiniLM:
    """The BERT encoder, its tokenizer and sentence-transformers' pooling, loaded from the model directory."""

    def __init__(self, model_dir: Path, weights: Path, precision: Precision = "float32") -> None:
        # Lazy: this module is imported by code paths that never embed (a refusal, an unknown customer).
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        if config.get("hidden_act") != "gelu" or not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError(f"{model_dir} is not a mean-pooled GELU BERT model")
        self._torch: Any = torch
        self._w: dict[str, Any] = load_file(str(weights))
        self.precision: Precision = precision
        self._packed: dict[str, Any] = {}
        if precision == "bfloat16":
            self._w = {k: v.to(torch.bfloat16) if v.is_floating_point() else v for k, v in self._w.items()}
            # Packed once into oneDNN's blocked layout: packing per call would cost more than the product.
            self._packed = {
                k[: -len(".weight")]: torch.ops.mkldnn._reorder_linear_weight(v, PACK_ROWS)
                for k, v in self._w.items()
                if k.startswith("encoder.") and k.endswith(".weight") and v.dim() == 2
            }
        self._hidden = int(config["hidden_size"])
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config["layer_norm_eps"])
        self._pad = int(config.get("pad_token_id", 0))
        max_tokens = json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=int(max_tokens))
        self._tokenizer.enable_padding(pad_id=self._pad, pad_token="[PAD]")

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text, in the order given."""
        out = np.zeros((len(texts), self._hidden), dtype=np.float32)
        # The same call sentence-transformers makes (longest first, not a stable sort): the same batches.
        order = np.argsort([-len(t) for t in texts])
        for start in range(0, len(texts), BATCH_SIZE):
            rows = order[start : start + BATCH_SIZE]
            out[rows] = self._batch([texts[i] for i in rows])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        torch, f, w = self._torch, self._torch.nn.functional, self._w
        encoded = self._tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encoded])
        mask = torch.tensor([e.attention_mask for e in encoded])
        batch, length = ids.shape
        head = self._hidden // self._heads

        def linear(x: Any, name: str) -> Any:
            packed = self._packed.get(name)
            if packed is not None:
                return torch.ops.mkldnn._linear_pointwise(x, packed, w[f"{name}.bias"], "none", [], "")
            return f.linear(x, w[f"{name}.weight"], w[f"{name}.bias"])

        def norm(x: Any, name: str) -> Any:
            return f.layer_norm(x, (self._hidden,), w[f"{name}.weight"], w[f"{name}.bias"], self._eps)

        with torch.inference_mode():
            x = f.embedding(ids, w["embeddings.word_embeddings.weight"], padding_idx=self._pad)
            x = x + f.embedding(torch.zeros_like(ids), w["embeddings.token_type_embeddings.weight"])
            x = x + f.embedding(torch.arange(length)[None, :], w["embeddings.position_embeddings.weight"])
            x = norm(x, "embeddings.LayerNorm")
            # transformers passes no mask when nothing is padded, and a boolean one otherwise.
            attend = None if bool(mask.all()) else mask.bool()[:, None, None, :].expand(batch, 1, length, length)
            for i in range(self._layers):
                p = f"encoder.layer.{i}"
                q, k, v = (
                    linear(x, f"{p}.attention.self.{n}").view(batch, length, -1, head).transpose(1, 2)
                    for n in ("query", "key", "value")
                )
                a = f.scaled_dot_product_attention(q, k, v, attn_mask=attend, dropout_p=0.0, scale=head**-0.5)
                a = a.reshape(batch, -1, length, head).transpose(1, 2).contiguous().reshape(batch, length, -1)
                x = norm(linear(a.contiguous(), f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
                h = f.gelu(linear(x, f"{p}.intermediate.dense"))
                x = norm(linear(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
            weights = mask.unsqueeze(-1).to(x.dtype)
            summed = (x * weights).sum(dim=1, dtype=torch.float32)
            mean = summed / torch.clamp(weights.sum(dim=1, dtype=torch.float32), min=1e-9)
            # Normalised twice, as sentence-transformers does (its Normalize module, then normalize_embeddings).
            unit = f.normalize(f.normalize(mean, p=2, dim=-1), p=2, dim=-1)
        return np.asarray(unit.float().numpy())
