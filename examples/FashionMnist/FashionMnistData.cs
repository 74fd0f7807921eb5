using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Reflection;

namespace FashionMnist;

/// <summary>
/// Fashion-MNIST images and their labels, ready for a network: pixels scaled to [0, 1], one image after
/// another, each 28 x 28 row-major.
/// </summary>
/// <param name="Images">Count * <see cref="Pixels"/> values in [0, 1].</param>
/// <param name="Labels">One class index (0..9) per image; see <see cref="FashionMnistData.ClassNames"/>.</param>
public sealed record DataSet(float[] Images, int[] Labels)
{
    /// <summary>Image height.</summary>
    public const int Rows = 28;

    /// <summary>Image width.</summary>
    public const int Cols = 28;

    /// <summary>Values per image: the input size of a network that takes flattened images.</summary>
    public const int Pixels = Rows * Cols;

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// The first <paramref name="n"/> images (copied). Like LINQ's Take, n is clamped to [0, Count]; the data
    /// files interleave classes, so any prefix stays class-balanced.
    /// </summary>
    public DataSet Take(int n) => Slice(0, Math.Clamp(n, 0, Count));

    /// <summary>All but the first <paramref name="n"/> images (copied); n is clamped to [0, Count] like LINQ's Skip.</summary>
    public DataSet Skip(int n)
    {
        int start = Math.Clamp(n, 0, Count);
        return Slice(start, Count - start);
    }

    private DataSet Slice(int start, int length) => new(
        Images.AsSpan(start * Pixels, length * Pixels).ToArray(),
        Labels.AsSpan(start, length).ToArray());
}

/// <summary>
/// Loads Fashion-MNIST (Zalando Research, MIT licence; see Data/ATTRIBUTION.md) from ModelGen's MGDS files,
/// written by tools/fashion-mnist/convert.py.
/// </summary>
/// <remarks>
/// MGDS version 2 is one gzip stream holding, little-endian: ASCII "MGDS", u32 version (2), u32 count,
/// u32 rows (28), u32 cols (28), u32 trainCount, then count label bytes (0..9), then count * rows * cols pixel
/// bytes, row-major. The first trainCount records are training images, the rest test images.
/// </remarks>
public static class FashionMnistData
{
    /// <summary>Names of the ten classes, indexed by label.</summary>
    public static readonly string[] ClassNames =
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <summary>Name of the embedded resource (the csproj sets this LogicalName).</summary>
    public const string EmbeddedResourceName = "fashion-mnist-subset.bin.gz";

    private const int HeaderSize = 24;
    private const uint Version = 2;

    /// <summary>
    /// The subset compiled into this assembly: 1,000 training and 200 test images per class (10,000 and
    /// 2,000), so the example runs without fetching anything.
    /// </summary>
    public static (DataSet Train, DataSet Test) LoadEmbedded()
    {
        using Stream? stream = typeof(FashionMnistData).Assembly.GetManifestResourceStream(EmbeddedResourceName);
        if (stream is null)
        {
            throw new InvalidOperationException(
                $"The assembly has no embedded resource '{EmbeddedResourceName}'; the project must embed " +
                $@"Data\fashion-mnist-subset.bin.gz with that LogicalName.");
        }

        (DataSet all, int trainCount) = Read(stream, $"embedded resource '{EmbeddedResourceName}'");
        return (all.Take(trainCount), all.Skip(trainCount));
    }

    /// <summary>
    /// The full data set from <paramref name="directory"/>: train.bin.gz (60,000 images) and test.bin.gz
    /// (10,000), as written by tools/fashion-mnist/fetch.sh into data/fashion-mnist/.
    /// </summary>
    public static (DataSet Train, DataSet Test) LoadDirectory(string directory)
    {
        DataSet train = LoadFile(Path.Combine(directory, "train.bin.gz"), expectTraining: true);
        DataSet test = LoadFile(Path.Combine(directory, "test.bin.gz"), expectTraining: false);
        return (train, test);
    }

    private static DataSet LoadFile(string path, bool expectTraining)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"'{path}' does not exist; run tools/fashion-mnist/fetch.sh to download and convert the full " +
                "data set into data/fashion-mnist/.", path);
        }

        using FileStream file = File.OpenRead(path);
        (DataSet data, int trainCount) = Read(file, $"'{path}'");

        // train.bin.gz marks every record as training and test.bin.gz none: checking it catches swapped or
        // mislabelled files before a model is silently evaluated on its own training data.
        int expected = expectTraining ? data.Count : 0;
        if (trainCount != expected)
        {
            throw new InvalidDataException(
                $"'{path}': trainCount is {trainCount} of {data.Count} records, expected {expected} for a " +
                $"{(expectTraining ? "training" : "test")} file; regenerate it with tools/fashion-mnist/fetch.sh.");
        }

        return data;
    }

    /// <summary>Reads one MGDS stream; <paramref name="source"/> names it in error messages.</summary>
    private static (DataSet Data, int TrainCount) Read(Stream compressed, string source)
    {
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);

            Span<byte> header = stackalloc byte[HeaderSize];
            ReadExactly(gzip, header, source, "header");
            if (!header[..4].SequenceEqual("MGDS"u8))
            {
                throw new InvalidDataException($"{source}: bad magic, not an MGDS file.");
            }

            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            uint rows = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            uint cols = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
            uint trainCount = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);

            if (version != Version)
            {
                throw new InvalidDataException($"{source}: MGDS version {version}, this reader handles {Version}.");
            }

            if (rows != DataSet.Rows || cols != DataSet.Cols)
            {
                throw new InvalidDataException(
                    $"{source}: images are {rows} x {cols}, expected {DataSet.Rows} x {DataSet.Cols}.");
            }

            // Bound count before allocating so a corrupt header fails here, not as an OutOfMemoryException.
            if (count > int.MaxValue / DataSet.Pixels)
            {
                throw new InvalidDataException($"{source}: count {count} is too large; the header is corrupt.");
            }

            if (trainCount > count)
            {
                throw new InvalidDataException($"{source}: trainCount {trainCount} exceeds count {count}.");
            }

            int n = (int)count;
            byte[] labelBytes = new byte[n];
            ReadExactly(gzip, labelBytes, source, "labels");
            byte[] pixelBytes = new byte[n * DataSet.Pixels];
            ReadExactly(gzip, pixelBytes, source, "pixels");
            if (gzip.ReadByte() != -1)
            {
                throw new InvalidDataException(
                    $"{source}: data continues after {n} images; the header's count is wrong.");
            }

            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (labelBytes[i] >= ClassNames.Length)
                {
                    throw new InvalidDataException($"{source}: label {labelBytes[i]} of image {i} is not in 0..9.");
                }

                labels[i] = labelBytes[i];
            }

            // Divide rather than multiply by 1/255f: for every byte value b, b / 255f equals the book's float64
            // b / 255.0 rounded to float32, which the multiplication misses for 126 of the 256 values.
            var images = new float[pixelBytes.Length];
            for (int i = 0; i < images.Length; i++)
            {
                images[i] = pixelBytes[i] / 255f;
            }

            return (new DataSet(images, labels), (int)trainCount);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            // GZipStream's own errors (corrupt deflate data, bad gzip header) do not say which file.
            throw new InvalidDataException($"{source}: not a valid gzip stream: {e.Message}", e);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string part)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                throw new InvalidDataException(
                    $"{source}: truncated in the {part}: {total} of {buffer.Length} bytes present.");
            }

            total += read;
        }
    }
}
