"""Trains a small MLP on the embedded Fashion-MNIST subset in PyTorch, exports it to ONNX, and records PyTorch's own
test predictions, for the OnnxImport example (README in docs/reference/import.md).

    /usr/bin/python3 examples/OnnxImport/train.py          # writes fashion_classifier.onnx, pytorch-predictions.txt
    dotnet run --project tools/ModelGen.Onnx -c Release -- examples/OnnxImport/fashion_classifier.onnx \
        --out examples/OnnxImport --namespace OnnxImport

The data is examples/FashionMnist/Data/fashion-mnist-subset.bin.gz (format: tools/fashion-mnist/README.md): 10,000
training and 2,000 test images; pixels are divided by 255 in float32, as FashionMnistData.cs does. The network is
Flatten -> Linear(784, 128) -> BatchNorm1d -> ReLU -> Dropout(0.2) -> Linear(128, 64) -> ReLU -> Linear(64, 10) ->
Softmax, trained 8 epochs with Adam on cross-entropy; the importer folds the BatchNorm1d into the first Linear and
drops the Dropout. pytorch-predictions.txt holds PyTorch's test accuracy and its predicted class for every test image.
"""
import gzip
import os
import struct

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "FashionMnist", "Data", "fashion-mnist-subset.bin.gz")


def load():
    with gzip.open(DATA, "rb") as f:
        raw = f.read()
    magic, version, count, rows, cols, train_count = struct.unpack_from("<4s5I", raw, 0)
    assert magic == b"MGDS" and version == 2 and rows == 28 and cols == 28
    labels = torch.tensor(list(raw[24:24 + count]), dtype=torch.long)
    pixels = torch.frombuffer(bytearray(raw[24 + count:24 + count + count * 784]), dtype=torch.uint8)
    images = (pixels.to(torch.float32) / 255.0).reshape(count, 28, 28)
    return (images[:train_count], labels[:train_count]), (images[train_count:], labels[train_count:])


def main():
    torch.manual_seed(2026)
    (x_train, y_train), (x_test, y_test) = load()
    nn = torch.nn
    body = nn.Sequential(
        nn.Flatten(), nn.Linear(784, 128), nn.BatchNorm1d(128), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(body.parameters(), lr=1e-3)
    for epoch in range(8):
        body.train()
        order = torch.randperm(len(x_train))
        for start in range(0, len(order), 32):
            batch = order[start:start + 32]
            optimizer.zero_grad()
            loss = nn.functional.cross_entropy(body(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        body.eval()
        with torch.no_grad():
            accuracy = (body(x_test).argmax(1) == y_test).float().mean().item()
        print(f"epoch {epoch + 1}: loss {loss.item():.4f}, test accuracy {accuracy:.4f}")

    net = nn.Sequential(body, nn.Softmax(dim=-1)).eval()
    path = os.path.join(HERE, "fashion_classifier.onnx")
    torch.onnx.export(net, torch.zeros(1, 28, 28), path, input_names=["image"], output_names=["probabilities"],
                      dynamic_axes={"image": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    with torch.no_grad():
        predictions = net(x_test).argmax(1)
    correct = int((predictions == y_test).sum())
    with open(os.path.join(HERE, "pytorch-predictions.txt"), "w") as f:
        f.write(f"{correct} {len(y_test)} torch {torch.__version__}\n")
        f.write("".join(str(int(p)) for p in predictions) + "\n")
    print(f"PyTorch: {correct}/{len(y_test)} = {correct / len(y_test):.4f}; wrote {path}")


if __name__ == "__main__":
    main()
