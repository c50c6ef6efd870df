"""ONNX export of the three scoring graphs.

* ``anogan_search.onnx``: inputs ``x[N,C,H,W]``, ``z0[N,Z]``, ``steps`` (int64 scalar); runs every
  Adam step of the latent search inside one ONNX ``Loop`` and returns z, the scores, G(z) and the
  anomaly map. Built by tracing three small graphs (f(x) before the loop, one Adam step, the scores
  after it) and stitching them with ``onnx.helper``: tracing a single step and looping in ONNX
  keeps the graph the same size for any number of steps, and ran faster than a scripted loop.
* ``egbad.onnx``: one forward pass, both discrimination variants (cross-entropy, feature matching).
* ``hybrid_encoder.onnx``: the izi_f encoder, x → z0 for the search graph.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

from .search import SEARCH_OUTPUTS, ExplicitSearch

OPSET = 17
_ELEMENT_TYPES = {TensorProto.FLOAT: "float32", TensorProto.INT64: "int64", TensorProto.BOOL: "bool"}
EGBAD_OUTPUTS = ("z", "residual", "discrimination_ce", "discrimination_fm", "score_ce", "score_fm",
                 "reconstruction", "anomaly_map")


def _trace(module: nn.Module, args: tuple, inputs: list[str], outputs: list[str], batched: set[str]) -> onnx.ModelProto:
    """Trace a module to ONNX with a dynamic batch axis; every other dimension is declared concrete.

    torch 1.13 declares the non-batch dimensions of some outputs symbolic too; the manifest and the
    service's signature check want exactly the shapes the graph produces, so they are set here from
    the traced example's outputs.
    """
    buffer = io.BytesIO()
    torch.onnx.export(module, args, buffer, opset_version=OPSET, input_names=inputs, output_names=outputs,
                      dynamic_axes={name: {0: "N"} for name in batched}, do_constant_folding=True)
    model = onnx.load_from_string(buffer.getvalue())
    with torch.no_grad():
        results = module(*args)
    results = results if isinstance(results, tuple) else (results,)
    for value, result in zip(model.graph.output, results):
        dims = value.type.tensor_type.shape.dim
        for i, size in enumerate(result.shape):
            if i == 0 and value.name in batched:
                dims[i].dim_param = "N"
            else:
                dims[i].dim_value = size
    return model


def export_forward(module: nn.Module, example: torch.Tensor, outputs: tuple[str, ...], path: Path,
                   half_weights: tuple[torch.Tensor, ...] = ()) -> None:
    """Export a single-input forward graph ``x → outputs`` with a dynamic batch axis.

    Args:
        half_weights: weights to store as float16 (and cast to float32 inside the graph); their values
            must already be float16-exact, so the graph computes exactly what the module does.
    """
    model = _trace(module.eval(), (example,), ["x"], list(outputs), {"x", *outputs})
    for weight in half_weights:
        store_as_float16(model, weight.detach().numpy())
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


def store_as_float16(model: onnx.ModelProto, weight) -> None:
    """Store the float32 initializer holding ``weight`` (or its transpose, as constant folding may leave it) as
    float16, cast back to float32 where the graph reads it: half the bytes, the same values."""
    graph = model.graph
    for init in graph.initializer:
        if init.data_type != TensorProto.FLOAT or list(init.dims) not in (list(weight.shape), list(weight.T.shape)):
            continue
        values = numpy_helper.to_array(init)
        if not (np.array_equal(values, weight) or np.array_equal(values, weight.T)):
            continue
        half = values.astype(np.float16)
        if not np.array_equal(half.astype(np.float32), values):
            raise ValueError(f"initializer {init.name!r} is not float16-exact")
        name = init.name
        graph.initializer.remove(init)
        graph.initializer.append(numpy_helper.from_array(half, f"{name}_float16"))
        graph.node.insert(0, helper.make_node("Cast", [f"{name}_float16"], [name], to=TensorProto.FLOAT,
                                              name=f"{name}_to_float32"))
        return
    raise ValueError(f"no initializer of shape {list(weight.shape)} holds the weight to store as float16")


class _Namer:
    """Renames a traced graph's values and initializers into the stitched graph, sharing equal weights."""

    def __init__(self):
        self.initializers: dict[str, TensorProto] = {}
        self.by_content: dict[bytes, str] = {}

    def add_graph(self, graph: onnx.GraphProto, prefix: str, interface: dict[str, str]) -> list[onnx.NodeProto]:
        rename = dict(interface)
        for init in graph.initializer:
            key = hashlib.sha256(init.SerializeToString(deterministic=True).replace(init.name.encode(), b"")).digest()
            if key not in self.by_content:
                name = f"w{len(self.initializers)}"
                copy = TensorProto()
                copy.CopyFrom(init)
                copy.name = name
                self.initializers[name] = copy
                self.by_content[key] = name
            rename[init.name] = self.by_content[key]
        nodes = []
        for node in graph.node:
            copy = onnx.NodeProto()
            copy.CopyFrom(node)
            copy.name = f"{prefix}/{node.name}"
            copy.input[:] = [rename.get(n, f"{prefix}/{n}") if n else n for n in node.input]
            copy.output[:] = [rename.get(n, f"{prefix}/{n}") for n in node.output]
            nodes.append(copy)
        return nodes


def _value(name: str, elem: int, shape: list) -> onnx.ValueInfoProto:
    return helper.make_tensor_value_info(name, elem, shape)


def build_search_graph(search: ExplicitSearch, channels: int, size: int, latent_dim: int) -> onnx.ModelProto:
    """Trace f(x), one Adam step and the scores, and stitch them into one model with a ``Loop``."""
    n = 2
    x, z = torch.zeros(n, channels, size, size), torch.zeros(n, latent_dim)
    fx = search.before(x)
    before = _trace(search.before, (x,), ["x"], ["fx"], {"x", "fx"})
    step = _trace(search.step, (x, fx, z, z, z, torch.zeros(1)), ["x", "fx", "z", "m", "v", "t"],
                  ["z_next", "m_next", "v_next", "t_next"], {"x", "fx", "z", "m", "v", "z_next", "m_next", "v_next"})
    after = _trace(search.after, (x, fx, z), ["x", "fx", "z"], list(SEARCH_OUTPUTS[1:]),
                   {"x", "fx", "z", *SEARCH_OUTPUTS[1:]})

    namer = _Namer()
    nodes = namer.add_graph(before.graph, "before", {"x": "x", "fx": "fx"})
    body_nodes = namer.add_graph(step.graph, "step", {
        "x": "x", "fx": "fx", "z": "loop/z", "m": "loop/m", "v": "loop/v", "t": "loop/t",
        "z_next": "loop/z_next", "m_next": "loop/m_next", "v_next": "loop/v_next", "t_next": "loop/t_next"})
    body_nodes.append(helper.make_node("Identity", ["loop/cond"], ["loop/cond_next"], name="loop/keep_going"))
    zdim = ["N", latent_dim]
    body = helper.make_graph(
        body_nodes, "adam_step",
        [_value("loop/iteration", TensorProto.INT64, []), _value("loop/cond", TensorProto.BOOL, []),
         _value("loop/z", TensorProto.FLOAT, zdim), _value("loop/m", TensorProto.FLOAT, zdim),
         _value("loop/v", TensorProto.FLOAT, zdim), _value("loop/t", TensorProto.FLOAT, [1])],
        [_value("loop/cond_next", TensorProto.BOOL, []), _value("loop/z_next", TensorProto.FLOAT, zdim),
         _value("loop/m_next", TensorProto.FLOAT, zdim), _value("loop/v_next", TensorProto.FLOAT, zdim),
         _value("loop/t_next", TensorProto.FLOAT, [1])])
    nodes += [
        helper.make_node("Shape", ["z0"], ["z0_shape"], name="init/z0_shape"),
        helper.make_node("ConstantOfShape", ["z0_shape"], ["adam_m0"], name="init/m0",
                         value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0])),
        helper.make_node("ConstantOfShape", ["z0_shape"], ["adam_v0"], name="init/v0",
                         value=helper.make_tensor("zero", TensorProto.FLOAT, [1], [0.0])),
        helper.make_node("Constant", [], ["adam_t0"], name="init/t0",
                         value=helper.make_tensor("t0", TensorProto.FLOAT, [1], [0.0])),
        helper.make_node("Constant", [], ["always"], name="init/cond",
                         value=helper.make_tensor("cond", TensorProto.BOOL, [], [True])),
        helper.make_node("Loop", ["steps", "always", "z0", "adam_m0", "adam_v0", "adam_t0"],
                         ["z", "adam_m", "adam_v", "adam_t"], name="search/loop", body=body),
    ]
    nodes += namer.add_graph(after.graph, "after", {"x": "x", "fx": "fx", "z": "z",
                                                    **{o: o for o in SEARCH_OUTPUTS[1:]}})
    image = ["N", channels, size, size]
    graph = helper.make_graph(
        nodes, "anogan_search",
        [_value("x", TensorProto.FLOAT, image), _value("z0", TensorProto.FLOAT, zdim),
         _value("steps", TensorProto.INT64, [])],
        [_value("z", TensorProto.FLOAT, zdim)]
        + [_value(o, TensorProto.FLOAT, ["N"]) for o in SEARCH_OUTPUTS[1:5]]
        + [_value(o, TensorProto.FLOAT, image) for o in SEARCH_OUTPUTS[5:]],
        initializer=list(namer.initializers.values()))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="anogan-train")
    model.ir_version = before.ir_version
    onnx.checker.check_model(model, full_check=True)
    return model


def graph_signature(path: Path) -> dict:
    """Inputs and outputs of an ONNX file, as recorded in the manifest: name, element type, shape."""
    model = onnx.load(str(path), load_external_data=False)

    def describe(values):
        out = []
        for v in values:
            t = v.type.tensor_type
            shape = [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]
            out.append({"name": v.name, "type": _ELEMENT_TYPES.get(t.elem_type, str(t.elem_type)), "shape": shape})
        return out

    inits = {i.name for i in model.graph.initializer}
    return {"inputs": describe([i for i in model.graph.input if i.name not in inits]),
            "outputs": describe(model.graph.output)}
