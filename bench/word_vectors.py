"""Write the word vectors the check-worthiness trainer reads (one step before training).

Usage::

    python bench/word_vectors.py MODEL_DIR OUT.txt.gz

``MODEL_DIR`` is a copy of the public sentence-transformers model ``all-MiniLM-L6-v2``
(Apache License 2.0; the folder with ``modules.json``, ``vocab.txt`` and
``model.safetensors``). This needs PyTorch and ``sentence-transformers`` in the Python that
runs it; the desk never does: the trainer folds what it learns from the vectors into one
weight per word (docs/assist.md, "Word vectors").

For every whole word of the model's own vocabulary (``vocab.txt`` lines of letters a–z,
21,745 words; no word pieces, no words of ours) it writes the model's sentence embedding
of that word alone, 384 numbers rounded to 5 decimals, one word a line, in sorted order::

    # all-MiniLM-L6-v2 model.safetensors sha256 <hex>; 384 dimensions; 21745 words
    ability 0.01234 -0.05678 ...

The words are embedded one thread, in a fixed order and batch size, so two runs on one
machine write the same bytes (the gzip header carries no time or name); the trainer
records the file's sha256 in the weights it writes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path

WHOLE_WORD = re.compile(r"[a-z]+")
BATCH = 256
DECIMALS = 5


def vocabulary_words(model_dir: Path) -> list[str]:
    """The model's whole words (letters only), sorted."""
    lines = (model_dir / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return sorted({w for w in lines if WHOLE_WORD.fullmatch(w)})


def _number(x: float) -> str:
    """``x`` to DECIMALS places, with no minus sign on a zero."""
    text = f"{x:.{DECIMALS}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model_dir", type=Path, help="the all-MiniLM-L6-v2 model folder")
    ap.add_argument("out", type=Path, help="where to write the vectors (.txt.gz)")
    args = ap.parse_args(argv)
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError:
        print("needs PyTorch and sentence-transformers (pip install them)", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    weights = args.model_dir / "model.safetensors"
    digest = hashlib.sha256(weights.read_bytes()).hexdigest()
    words = vocabulary_words(args.model_dir)
    model = SentenceTransformer(str(args.model_dir), device="cpu")
    vectors = model.encode(words, batch_size=BATCH, convert_to_numpy=True)
    dims = vectors.shape[1]
    header = (
        f"# all-MiniLM-L6-v2 model.safetensors sha256 {digest}; "
        f"{dims} dimensions; {len(words)} words\n"
    )
    lines = [header]
    for word, vector in zip(words, vectors, strict=True):
        numbers = " ".join(map(_number, vector.tolist()))
        lines.append(f"{word} {numbers}\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out,
    ):
        out.write("".join(lines).encode("utf-8"))
    print(f"wrote {args.out}: {len(words)} words, {dims} dimensions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
