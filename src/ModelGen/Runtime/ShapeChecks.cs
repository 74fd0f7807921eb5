using System;

namespace ModelGen
{
    /// <summary>Argument checks whose exceptions name the model, the argument, and the expected and actual shapes.</summary>
    internal static class ShapeChecks
    {
        /// <summary>One sample: exactly <paramref name="expected"/> floats.</summary>
        public static void Sample(ModelLayout layout, string argument, int actual, int expected)
        {
            if (actual == expected) return;
            throw new ArgumentException(
                $"{layout.ModelName}: {argument} has {actual} floats, expected {expected} ({ShapeOf(layout, argument)}).", argument);
        }

        /// <summary>A batch of rows of <paramref name="rowSize"/> floats; returns the number of rows.</summary>
        public static int Batch(ModelLayout layout, string argument, int actual, int rowSize)
        {
            if (actual % rowSize == 0) return actual / rowSize;
            throw new ArgumentException(
                $"{layout.ModelName}: {argument} has {actual} floats, which is not a whole number of samples of shape " +
                $"{ShapeOf(layout, argument)} ({rowSize} floats each): expected [n, {rowSize}].", argument);
        }

        /// <summary>A batch that must hold exactly <paramref name="rows"/> rows of <paramref name="rowSize"/> floats.</summary>
        public static void Matching(ModelLayout layout, string argument, int actual, int rows, int rowSize)
        {
            if (actual == rows * rowSize) return;
            throw new ArgumentException(
                $"{layout.ModelName}: {argument} has {actual} floats, expected [{rows}, {rowSize}] = {rows * rowSize}.", argument);
        }

        /// <summary>Inputs and targets must describe the same number of samples.</summary>
        public static void SameCount(ModelLayout layout, int inputs, int targets)
        {
            if (inputs == targets) return;
            throw new ArgumentException($"{layout.ModelName}: {inputs} input samples but {targets} targets: expected one target per sample.");
        }

        private static string ShapeOf(ModelLayout layout, string argument) =>
            argument.StartsWith("input", StringComparison.Ordinal)
                ? TensorSpec.FormatShape(layout.InputShape)
                : "[" + (argument.StartsWith("target", StringComparison.Ordinal) ? layout.TargetSize : layout.OutputSize) + "]";
    }
}
