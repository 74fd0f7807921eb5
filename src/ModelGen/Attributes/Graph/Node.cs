namespace ModelGen
{
    /// <summary>
    /// The type of a node of a functional (graph) model: a get-only property of the model class that carries one
    /// layer attribute (<see cref="InputAttribute"/>, <see cref="DenseAttribute"/> with <c>From</c>, or a merge such
    /// as <see cref="ConcatenateAttribute"/>). The property's name is the node's name, so predecessors are named with
    /// <c>nameof</c> and survive renames: <c>[Dense(30, Activation.Relu, From = nameof(Wide))] public static Node Hidden { get; }</c>.
    /// It holds no data: the generator reads the attributes. (A get-only auto-property, unlike a field, compiles without
    /// CS0169/CS0649 warnings.)
    /// </summary>
    public readonly struct Node
    {
    }
}
