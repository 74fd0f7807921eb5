namespace ModelGen.Generators.Model
{
    /// <summary>
    /// The initializer arguments written on a layer attribute (<c>KernelStddev = 0.02</c>, ...), null where not
    /// written, so validation can tell "given to an initializer that does not take it" from "left at its default".
    /// </summary>
    /// <remarks>Must stay immutable and structurally equal, as every record of the model.</remarks>
    public sealed record InitArgumentsDeclaration(
        double? Value,
        double? Mean,
        double? Stddev,
        double? Minval,
        double? Maxval,
        double? Scale,
        FanMode? Mode,
        InitDistribution? Distribution,
        double? Gain)
    {
        /// <summary>No argument written.</summary>
        public static InitArgumentsDeclaration None { get; } = new(null, null, null, null, null, null, null, null, null);

        /// <summary>The arguments with Keras' default (<see cref="InitArguments.Default"/>) for each one not written.</summary>
        public InitArguments Resolve()
        {
            InitArguments d = InitArguments.Default;
            return new InitArguments(
                Value ?? d.Value, Mean ?? d.Mean, Stddev ?? d.Stddev, Minval ?? d.Minval, Maxval ?? d.Maxval,
                Scale ?? d.Scale, Mode ?? d.Mode, Distribution ?? d.Distribution, Gain ?? d.Gain);
        }
    }

    // The Dense layer's initializer arguments, as declared (kept out of the positional list so it stays short).
    public sealed partial record LayerDeclaration
    {
        /// <summary>Dense only: the kernel initializer's arguments.</summary>
        public InitArgumentsDeclaration KernelArguments { get; init; } = InitArgumentsDeclaration.None;

        /// <summary>Dense only: the bias initializer's arguments.</summary>
        public InitArgumentsDeclaration BiasArguments { get; init; } = InitArgumentsDeclaration.None;
    }

    // The Dense layer's initializer arguments, every default filled in.
    public sealed partial record CheckedLayer
    {
        /// <summary>Dense only: the kernel initializer's arguments.</summary>
        public InitArguments KernelArguments { get; init; } = InitArguments.Default;

        /// <summary>Dense only: the bias initializer's arguments.</summary>
        public InitArguments BiasArguments { get; init; } = InitArguments.Default;
    }
}
