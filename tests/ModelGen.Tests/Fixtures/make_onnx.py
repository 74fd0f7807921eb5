"""Writes Onnx/*.onnx and onnx.json: small dense networks exported from PyTorch to ONNX, with PyTorch's outputs on a
few inputs, for tools/ModelGen.Onnx (Tests: Import/OnnxImportTests.cs).

Needs torch and onnx (Debian: python3-torch, python3-onnx). Every model is in eval mode (Dropout off, BatchNorm1d on
its running statistics, which are set to non-trivial values so folding them into the Dense is really tested) and
exported at opset 13 with a dynamic batch dimension. Three graphs the importer must refuse (a Conv, a skip
connection, a BatchNorm1d after the activation, which cannot fold into the Linear) and one Gemm with alpha, beta and
transB = 0, which PyTorch never writes, built with onnx.helper, complete the set.
"""
import os

import onnx
import onnx.helper as oh
import onnx.numpy_helper as onh
import torch

from fixture_json import write_json

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 13


def export(name, net, sample_shape):
    net.eval()
    path = os.path.join(HERE, "Onnx", name + ".onnx")
    torch.onnx.export(net, torch.zeros(2, *sample_shape), path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=OPSET)
    onnx.checker.check_model(onnx.load(path))
    return path


def case(name, net, sample_shape, count=7):
    export(name, net, sample_shape)
    x = torch.rand(count, *sample_shape) * 4 - 2
    with torch.no_grad():
        y = net(x)
    return {"input_shape": list(sample_shape), "x": x.flatten().tolist(), "y": y.flatten().tolist()}


def randomize_batchnorm(bn):
    with torch.no_grad():
        bn.weight.copy_(torch.rand(bn.num_features) + 0.5)
        bn.bias.copy_(torch.rand(bn.num_features) - 0.5)
        bn.running_mean.copy_(torch.rand(bn.num_features) - 0.5)
        bn.running_var.copy_(torch.rand(bn.num_features) + 0.3)
    return bn


class MatMulAdd(torch.nn.Module):
    """x @ W + b written out, which PyTorch exports as MatMul + Add rather than Gemm; then a bias-free MatMul."""

    def __init__(self):
        super().__init__()
        self.w1 = torch.nn.Parameter(torch.randn(5, 9) * 0.5)
        self.b1 = torch.nn.Parameter(torch.randn(9) * 0.5)
        self.w2 = torch.nn.Parameter(torch.randn(9, 4) * 0.5)

    def forward(self, x):
        return torch.tanh(x @ self.w1 + self.b1) @ self.w2


class Skip(torch.nn.Module):
    """A residual block: h + Linear(h) adds two computed tensors, which a sequential declaration cannot express."""

    def __init__(self):
        super().__init__()
        self.a = torch.nn.Linear(4, 6)
        self.b = torch.nn.Linear(6, 6)

    def forward(self, x):
        h = torch.relu(self.a(x))
        return h + self.b(h)


def gemm_attributes_case():
    """Gemm(x, B, C) with alpha 0.5, beta 2, transB 0 (B is [in, out]), an inference Dropout and an Identity, then Relu.
    C reaches the Gemm through an Identity over the initializer C0, as torch.onnx writes for shared weights."""
    g = torch.Generator().manual_seed(5)
    b = torch.randn(3, 4, generator=g)
    c = torch.randn(4, generator=g)
    nodes = [
        oh.make_node("Identity", ["C0"], ["C"], name="shared_bias"),
        oh.make_node("Gemm", ["input", "B"], ["g"], name="scaled_gemm", alpha=0.5, beta=2.0, transB=0),
        oh.make_node("Dropout", ["g"], ["d"], name="dropout"),
        oh.make_node("Identity", ["d"], ["i"], name="identity"),
        oh.make_node("Relu", ["i"], ["output"], name="relu"),
    ]
    nodes[1].input.append("C")
    graph = oh.make_graph(
        nodes, "gemm_attributes",
        [oh.make_tensor_value_info("input", onnx.TensorProto.FLOAT, ["batch", 3])],
        [oh.make_tensor_value_info("output", onnx.TensorProto.FLOAT, ["batch", 4])],
        initializer=[onh.from_array(b.numpy(), "B"), onh.from_array(c.numpy(), "C0")])
    model = oh.make_model(graph, producer_name="make_onnx.py", opset_imports=[oh.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, "Onnx", "gemm_attributes.onnx"))
    x = torch.rand(7, 3, generator=g) * 4 - 2
    y = torch.relu(0.5 * (x @ b) + 2.0 * c)
    return {"input_shape": [3], "x": x.flatten().tolist(), "y": y.flatten().tolist()}


def main():
    torch.manual_seed(13)
    nn = torch.nn
    cases = {
        "relu_softmax": case("relu_softmax", nn.Sequential(
            nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 4), nn.Softmax(dim=-1)), [6]),
        "tanh_sigmoid": case("tanh_sigmoid", nn.Sequential(
            nn.Linear(5, 12), nn.Tanh(), nn.Linear(12, 3), nn.Sigmoid()), [5]),
        "leaky_elu_batchnorm": case("leaky_elu_batchnorm", nn.Sequential(
            nn.Linear(6, 10), randomize_batchnorm(nn.BatchNorm1d(10)), nn.LeakyReLU(0.1), nn.Dropout(0.3),
            nn.Linear(10, 8), randomize_batchnorm(nn.BatchNorm1d(8, eps=1e-3)), nn.ELU(0.7), nn.Linear(8, 2)), [6]),
        "flatten_no_bias": case("flatten_no_bias", nn.Sequential(
            nn.Flatten(), nn.Linear(64, 10, bias=False), nn.ReLU(), nn.Linear(10, 3)), [1, 8, 8]),
        "matmul_add": case("matmul_add", MatMulAdd(), [5]),
        # BatchNorm1d after the activation: the importer folds it into the next Linear's rows and bias.
        "relu_batchnorm_linear": case("relu_batchnorm_linear", nn.Sequential(
            nn.Linear(4, 6), nn.ReLU(), randomize_batchnorm(nn.BatchNorm1d(6)), nn.Linear(6, 3)), [4]),
        "gemm_attributes": gemm_attributes_case(),
    }
    # Graphs the importer refuses: no outputs are needed, only the files.
    export("conv", nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(8, 2)), [1, 4, 4])
    export("skip", Skip(), [4])
    export("batchnorm_after_relu", nn.Sequential(nn.Linear(4, 5), nn.ReLU(), randomize_batchnorm(nn.BatchNorm1d(5))), [4])

    with open(os.path.join(HERE, "onnx.json"), "w") as f:
        write_json({"torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET, "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
