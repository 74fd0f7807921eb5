using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>Reads [Dense]'s regularizer, constraint and Trainable arguments and [Model]'s clipping arguments.</summary>
    public static class TrainingMathParser
    {
        /// <summary>The Dense layer's regularizers, constraint and trainability, with the factors that were given.</summary>
        public static LayerTrainingDeclaration ReadLayer(AttributeData attribute) => new(
            (Regularizer)(Given<int>(attribute, "KernelRegularizer") ?? 0), Given<float>(attribute, "KernelL1"), Given<float>(attribute, "KernelL2"),
            (Regularizer)(Given<int>(attribute, "BiasRegularizer") ?? 0), Given<float>(attribute, "BiasL1"), Given<float>(attribute, "BiasL2"),
            (Constraint)(Given<int>(attribute, "KernelConstraint") ?? 0), Given<float>(attribute, "MaxValue"),
            Given<bool>(attribute, "Trainable") ?? true);

        /// <summary>[Model]'s ClipValue, ClipNorm and GlobalClipNorm (0 when not given).</summary>
        public static ClippingDeclaration ReadClipping(AttributeData attribute) => new(
            Given<float>(attribute, "ClipValue") ?? 0, Given<float>(attribute, "ClipNorm") ?? 0, Given<float>(attribute, "GlobalClipNorm") ?? 0);

        private static T? Given<T>(AttributeData attribute, string name) where T : struct
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is T value) return value;
            }
            return null;
        }
    }
}
