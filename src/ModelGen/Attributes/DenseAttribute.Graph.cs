namespace ModelGen
{
    // The Dense layer as a node of a functional model (on a property of type Node rather than on the class).
    // (A plain comment: the type's XML summary is on its main declaration in DenseAttribute.cs.)
    public sealed partial class DenseAttribute
    {
        /// <summary>
        /// In a functional model: the name of the node this layer reads (<c>From = nameof(Hidden1)</c>), as Keras'
        /// <c>Dense(...)(hidden1)</c>. Required on a node; not allowed on a class-level (sequential) layer.
        /// </summary>
        public string? From { get; set; }
    }
}
