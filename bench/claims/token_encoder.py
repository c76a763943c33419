"""Write the packaged MiniLM encoder as a one-sentence model that returns its token states.

Usage (any Python with `onnx`, e.g. a throwaway venv: `pip install onnx==1.23.2`):
    python bench/claims/token_encoder.py /tmp/minilm-tokens.onnx

The packaged model (`newsweave/models/minilm-l6-v2-int8/model.onnx`) loops over sentences and
returns only their mean-pooled vectors. This copies its loop body, the int8 encoder with the same
weights, into a graph with one input, `token_ids` [tokens] (one sentence, as the tokenizer gives
it), and one output, `tokens` [tokens, 384] (the last hidden state, before pooling): the mean of
those rows is the vector `newsweave.embed` pools. For bench/claims/compare_features.py only;
nothing in the package reads it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import onnx
from onnx import TensorProto
from onnx import helper as make

PACKAGED = Path(__file__).resolve().parents[2] / "src/newsweave/models/minilm-l6-v2-int8/model.onnx"
PREAMBLE = 10  # the loop body's nodes that slice one sentence out of the call's token ids


def main() -> None:
    packaged = onnx.load(str(PACKAGED))
    body = packaged.graph.node[-1].attribute[0].g
    encoder = list(body.node[PREAMBLE:-2])  # then ReduceMean (the pooling) and Identity
    mask = {"value": make.make_tensor("one_value", TensorProto.INT64, [1], [1])}
    zeros = {"value": make.make_tensor("zero_value", TensorProto.INT64, [1], [0])}
    nodes = [
        make.make_node("Unsqueeze", ["token_ids", "axis0"], ["sentence/input_ids"]),
        make.make_node("Shape", ["sentence/input_ids"], ["shape"]),
        make.make_node("ConstantOfShape", ["shape"], ["sentence/attention_mask"], **mask),
        make.make_node("ConstantOfShape", ["shape"], ["sentence/token_type_ids"], **zeros),
        *encoder,
        make.make_node("Squeeze", ["last_hidden_state", "axis0"], ["tokens"]),
    ]
    # The loop's own counters are left out; the encoder needs only its weights and `axis0`.
    unused = {"one", "one_1d", "axis0_outer", "true"}
    weights = [w for w in [*packaged.graph.initializer, *body.initializer] if w.name not in unused]
    graph = make.make_graph(
        nodes,
        "minilm_token_states",
        [make.make_tensor_value_info("token_ids", TensorProto.INT64, ["tokens"])],
        [make.make_tensor_value_info("tokens", TensorProto.FLOAT, ["tokens", 384])],
        initializer=weights,
    )
    model = make.make_model(graph, opset_imports=list(packaged.opset_import))
    model.ir_version = packaged.ir_version
    onnx.save(model, sys.argv[1])


if __name__ == "__main__":
    main()
