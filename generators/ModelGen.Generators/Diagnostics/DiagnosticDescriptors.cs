using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ModelGen.Generators.Diagnostics
{
    /// <summary>
    /// Every diagnostic ModelGen reports. Each one names what is wrong, where, and what to do; the help link points
    /// at the catalogue in docs/diagnostics.md. Keep AnalyzerReleases.Unshipped.md in step with this table.
    /// </summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "ModelGen";
        private const string HelpBase = "docs/diagnostics.md#";

        private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new();

        /// <summary>MG0001: the model class is not partial.</summary>
        public static readonly DiagnosticDescriptor ModelMustBePartial = Error("MG0001",
            "Model class must be partial",
            "Model class '{0}' must be declared 'partial' so ModelGen can add the generated members");

        /// <summary>MG0002: the model is not a plain class.</summary>
        public static readonly DiagnosticDescriptor ModelMustBeClass = Error("MG0002",
            "Model must be a class",
            "'{0}' is {1}: [Model] applies to a plain partial class (not a struct, record, interface or static class)");

        /// <summary>MG0003: nested or generic model classes are not supported.</summary>
        public static readonly DiagnosticDescriptor ModelMustBeTopLevel = Error("MG0003",
            "Model class must be top-level and non-generic",
            "Model class '{0}' is {1}: declare it as a non-generic class directly in a namespace");

        /// <summary>MG0004: the model class already has a base class.</summary>
        public static readonly DiagnosticDescriptor ModelHasBaseClass = Error("MG0004",
            "Model class cannot have a base class",
            "Model class '{0}' derives from '{1}': generated models derive from ModelGen.CompiledModel, so remove the base class");

        /// <summary>MG0005: no [Input].</summary>
        public static readonly DiagnosticDescriptor MissingInput = Error("MG0005",
            "Model has no input",
            "Model '{0}' has no [Input(...)]: add one before the first layer, e.g. [Input(28, 28)]");

        /// <summary>MG0006: [Input] is not the first layer, or appears twice.</summary>
        public static readonly DiagnosticDescriptor InputNotFirst = Error("MG0006",
            "Input must be the first layer, once",
            "[Input] must be the first layer attribute of '{0}' and appear once: {1}");

        /// <summary>MG0007: a size is zero or negative.</summary>
        public static readonly DiagnosticDescriptor InvalidSize = Error("MG0007",
            "Size must be positive",
            "{0} of layer '{1}' is {2}: it must be a positive number");

        /// <summary>MG0008: Dense applied to a multi-dimensional input.</summary>
        public static readonly DiagnosticDescriptor DenseNeedsFlatInput = Error("MG0008",
            "Dense needs a flat input",
            "Dense layer '{0}' receives shape {1}: add [Flatten] before it");

        /// <summary>MG0009: no Dense layer.</summary>
        public static readonly DiagnosticDescriptor NoLayers = Error("MG0009",
            "Model has no trainable layer",
            "Model '{0}' has no [Dense] layer: add at least one, e.g. [Dense(10, Activation.Softmax)]");

        /// <summary>MG0010: the output activation does not fit the loss.</summary>
        public static readonly DiagnosticDescriptor OutputDoesNotFitLoss = Error("MG0010",
            "Output activation does not fit the loss",
            "{0}");

        /// <summary>MG0011: an enum argument is not a defined value.</summary>
        public static readonly DiagnosticDescriptor UnknownOption = Error("MG0011",
            "Unknown option",
            "{0} value {1} is not a known {0}: use one of {2}");

        /// <summary>MG0012: the learning rate is negative or not finite.</summary>
        public static readonly DiagnosticDescriptor InvalidLearningRate = Error("MG0012",
            "Invalid learning rate",
            "LearningRate of '{0}' is {1}: it must be a positive finite number (or 0 for the optimizer's default)");

        /// <summary>MG0013: two layers have the same name.</summary>
        public static readonly DiagnosticDescriptor DuplicateLayerName = Error("MG0013",
            "Duplicate layer name",
            "Layer name '{0}' is used twice in '{1}': names must be unique because they name the saved tensors");

        /// <summary>MG0014: the project does not allow unsafe code.</summary>
        public static readonly DiagnosticDescriptor UnsafeRequired = Error("MG0014",
            "Unsafe code must be allowed",
            "ModelGen's generated kernels use pointers into aligned native memory: add <AllowUnsafeBlocks>true</AllowUnsafeBlocks> to the project of '{0}'");

        /// <summary>MG0015: a layer name is not an identifier.</summary>
        public static readonly DiagnosticDescriptor InvalidLayerName = Error("MG0015",
            "Invalid layer name",
            "Layer name '{0}' must start with a letter and contain only letters, digits and underscores");

        /// <summary>MG0016: the model is too large for 32-bit offsets.</summary>
        public static readonly DiagnosticDescriptor ModelTooLarge = Error("MG0016",
            "Model too large",
            "Model '{0}' needs {1} floats of {2}, more than the 2^31 - 1 floats an arena can hold: reduce the layer sizes");

        /// <summary>MG0017: the unroll threshold is negative.</summary>
        public static readonly DiagnosticDescriptor InvalidUnrollThreshold = Error("MG0017",
            "Invalid unroll threshold",
            "UnrollThreshold of '{0}' is {1}: it must be 0 (never unroll) or more");

        /// <summary>MG0018: momentum out of range or on the wrong optimizer.</summary>
        public static readonly DiagnosticDescriptor InvalidMomentum = Error("MG0018",
            "Invalid momentum",
            "'{0}': {1}");

        /// <summary>MG0019: the class has the name of a member the generator adds to it.</summary>
        public static readonly DiagnosticDescriptor ClassNameClashesWithMember = Error("MG0019",
            "Model class named like a generated member",
            "Model class '{0}' has the name of a member ModelGen generates in it, and C# forbids a member named like its class: rename the class (or the layer whose methods use that name)");

        /// <summary>MG0020: an activation parameter set on a layer whose activation has no such parameter.</summary>
        public static readonly DiagnosticDescriptor ActivationParameterNotApplicable = Error("MG0020",
            "Activation parameter does not apply",
            "Layer '{0}' sets {1}, but Activation.{2} has no such parameter: remove it, or use {3}");

        /// <summary>MG0022: the perceptron rule on a model with hidden layers.</summary>
        public static readonly DiagnosticDescriptor PerceptronNeedsOneLayer = Error("MG0022",
            "The perceptron rule trains one layer",
            "Model '{0}' has {1} Dense layers, but Loss.Perceptron trains a single layer of threshold units: it has no way to assign blame to hidden units. Train multi-layer networks with backpropagation (a differentiable loss such as BinaryCrossEntropy and activations such as Sigmoid).");

        /// <summary>MG0021: an activation parameter out of range.</summary>
        public static readonly DiagnosticDescriptor InvalidActivationParameter = Error("MG0021",
            "Invalid activation parameter",
            "Layer '{0}': {1}");

        /// <summary>MG0050: an initializer argument is given to an initializer that does not take it.</summary>
        public static readonly DiagnosticDescriptor InitializerArgumentNotTaken = Error("MG0050",
            "Initializer argument not taken",
            "Layer '{0}' sets {1}, but its {2} initializer {3} takes {4}: remove {1}, or choose an initializer that takes it ({5})");

        /// <summary>MG0051: a RandomNormal or TruncatedNormal stddev is not positive.</summary>
        public static readonly DiagnosticDescriptor InvalidInitializerStddev = Error("MG0051",
            "Invalid initializer standard deviation",
            "Layer '{0}': {1} is {2}, but a standard deviation must be a positive finite number");

        /// <summary>MG0052: a RandomUniform minval is greater than its maxval.</summary>
        public static readonly DiagnosticDescriptor InvalidInitializerRange = Error("MG0052",
            "Invalid uniform initializer range",
            "Layer '{0}': {1}Minval ({2}) is greater than {1}Maxval ({3}): swap them, the range [minval, maxval) must not be empty");

        /// <summary>MG0053: a VarianceScaling scale is not positive.</summary>
        public static readonly DiagnosticDescriptor InvalidInitializerScale = Error("MG0053",
            "Invalid variance scale",
            "Layer '{0}': {1} is {2}, but VarianceScaling's scale must be a positive finite number");

        /// <summary>MG0054: Orthogonal or Identity on a bias.</summary>
        public static readonly DiagnosticDescriptor InitializerNeedsMatrix = Error("MG0054",
            "Initializer needs a 2-D kernel",
            "Layer '{0}': Init.{1} is defined on the 2-D kernel [inputs, units], not on the 1-D bias: use it as KernelInit, and give the bias Zeros, Ones, Constant or a random initializer");

        /// <summary>MG0055: an initializer argument is NaN or infinite.</summary>
        public static readonly DiagnosticDescriptor InitializerArgumentNotFinite = Error("MG0055",
            "Initializer argument not finite",
            "Layer '{0}': {1} is {2}, but initializer arguments must be finite numbers");

        /// <summary>MG0040: an optimizer hyperparameter out of its range.</summary>
        public static readonly DiagnosticDescriptor InvalidOptimizerHyperparameter = Error("MG0040",
            "Invalid optimizer hyperparameter",
            "'{0}': {1} is {2}: {3}");

        /// <summary>MG0041: an optimizer hyperparameter given to an optimizer that does not read it.</summary>
        public static readonly DiagnosticDescriptor UnusedOptimizerHyperparameter = Error("MG0041",
            "Hyperparameter not used by the optimizer",
            "'{0}': {1} does not apply to Optimizer.{2}, which would ignore it: remove it, or use an optimizer that reads it ({3})");

        /// <summary>MG0030: Huber's delta is not a positive finite number.</summary>
        public static readonly DiagnosticDescriptor InvalidHuberDelta = Error("MG0030",
            "Invalid Huber delta",
            "HuberDelta of '{0}' is {1}: it must be a positive finite number (Keras' default is 1.0)");

        /// <summary>MG0031: HuberDelta given with a loss other than Huber.</summary>
        public static readonly DiagnosticDescriptor HuberDeltaWithoutHuber = Error("MG0031",
            "HuberDelta without the Huber loss",
            "'{0}' sets HuberDelta, which only Loss.Huber reads, but trains with {1}: remove HuberDelta or set Loss = Loss.Huber");

        /// <summary>MG0032: a metric needs the other kind of targets than the loss takes.</summary>
        public static readonly DiagnosticDescriptor MetricDoesNotFitLoss = Error("MG0032",
            "Metric does not fit the loss's targets",
            "'{0}': {1}");

        /// <summary>MG0033: a metric listed twice.</summary>
        public static readonly DiagnosticDescriptor DuplicateMetric = Error("MG0033",
            "Duplicate metric",
            "'{0}' lists Metric.{1} twice, and History reports each metric once: remove the repeat");

        /// <summary>MG0070: layer attributes on the class and graph nodes on members in one model.</summary>
        public static readonly DiagnosticDescriptor MixedSequentialAndGraph = Error("MG0070",
            "Sequential layers and graph nodes mixed",
            "Model '{0}' declares layers on the class and nodes on its members: declare either a sequential model (attributes on the class) or a functional one (attributes on Node properties), not both");

        /// <summary>MG0071: a node names a predecessor that does not exist.</summary>
        public static readonly DiagnosticDescriptor UnknownNode = Error("MG0071",
            "Unknown node",
            "Node '{0}' reads '{1}', which is not a node of model '{2}': name a property that carries a layer attribute, with nameof");

        /// <summary>MG0072: the graph has a cycle.</summary>
        public static readonly DiagnosticDescriptor GraphCycle = Error("MG0072",
            "Graph has a cycle",
            "Node '{0}' depends on itself through {1}: a model is an acyclic graph");

        /// <summary>MG0073: the inputs of a merge do not fit.</summary>
        public static readonly DiagnosticDescriptor MergeShapeMismatch = Error("MG0073",
            "Merge inputs do not fit",
            "{0} node '{1}' receives shapes {2}: {3}");

        /// <summary>MG0074: a node is neither an output nor read by another node.</summary>
        public static readonly DiagnosticDescriptor UnusedNode = Error("MG0074",
            "Unused node",
            "Node '{0}' is not an output and no node reads it: connect it, mark it [Output], or remove it");

        /// <summary>MG0075: a functional model without outputs.</summary>
        public static readonly DiagnosticDescriptor NoOutputs = Error("MG0075",
            "Model has no output",
            "Functional model '{0}' has no [Output] node: mark at least one node [Output]");

        /// <summary>MG0076: a node without the predecessors it needs.</summary>
        public static readonly DiagnosticDescriptor MissingPredecessor = Error("MG0076",
            "Node needs inputs",
            "Node '{0}' {1}");

        /// <summary>MG0077: From on a class-level layer.</summary>
        public static readonly DiagnosticDescriptor FromOnSequentialLayer = Error("MG0077",
            "From applies to graph nodes",
            "Layer '{0}' is a class-level (sequential) layer, which reads the layer before it: remove From, or declare the model as Node properties");

        /// <summary>MG0078: [Output] on a node that cannot be one.</summary>
        public static readonly DiagnosticDescriptor InvalidOutputNode = Error("MG0078",
            "Invalid output",
            "Node '{0}' {1}");

        /// <summary>MG0079: an invalid output loss weight.</summary>
        public static readonly DiagnosticDescriptor InvalidLossWeight = Error("MG0079",
            "Invalid loss weight",
            "LossWeight of output '{0}' is {1}: it must be a finite number at least 0");

        /// <summary>MG0080: a node's property is named like a member the generator adds.</summary>
        public static readonly DiagnosticDescriptor NodeNamedLikeGeneratedMember = Error("MG0080",
            "Node named like a generated member",
            "Node property '{0}' has the name of a member ModelGen generates in '{1}': rename the property (the node keeps its name with Name = \"{0}\" if needed)");

        /// <summary>MG0081: a setting functional models do not implement yet (rather than silently ignoring it).</summary>
        public static readonly DiagnosticDescriptor NotSupportedOnGraphs = Error("MG0081",
            "Not supported on functional models yet",
            "{0} sets {1}, which functional models do not support yet: {2}");

        /// <summary>MG0082: a [Normalization] where it cannot be (sequential: after a Dense, or a second one).</summary>
        public static readonly DiagnosticDescriptor MisplacedNormalization = Error("MG0082",
            "Misplaced normalization",
            "Normalization '{0}' {1}");

        /// <summary>MG0083: a [Normalization] that reads a multi-dimensional tensor.</summary>
        public static readonly DiagnosticDescriptor NormalizationNeedsFlatInput = Error("MG0083",
            "Normalization needs one-dimensional input",
            "Normalization '{0}' reads shape {1}: it standardizes one-dimensional feature rows; add [Flatten] before it");

        /// <summary>MG0060: a regularizer factor, constraint argument or kind out of its range.</summary>
        public static readonly DiagnosticDescriptor InvalidRegularization = Error("MG0060",
            "Invalid regularizer or constraint argument",
            "'{0}': {1} is {2}: {3}");

        /// <summary>MG0061: a regularizer factor or MaxValue given without the regularizer or constraint that reads it.</summary>
        public static readonly DiagnosticDescriptor UnusedRegularizationArgument = Error("MG0061",
            "Regularizer or constraint argument not used",
            "'{0}': {1} is given but {2}");

        /// <summary>MG0062: more than one kind of gradient clipping.</summary>
        public static readonly DiagnosticDescriptor SeveralClippings = Error("MG0062",
            "More than one gradient clipping",
            "'{0}' sets {1}: Keras allows at most one of ClipValue, ClipNorm and GlobalClipNorm");

        /// <summary>MG0064: a dropout rate outside [0, 1).</summary>
        public static readonly DiagnosticDescriptor InvalidDropoutRate = Error("MG0064",
            "Invalid dropout rate",
            "Dropout rate {0} is out of range: Keras requires 0 <= rate < 1");

        /// <summary>MG0065: a [Dropout] that does not sit between two Dense layers.</summary>
        public static readonly DiagnosticDescriptor MisplacedDropout = Error("MG0065",
            "Misplaced dropout",
            "[Dropout] must follow a Dense layer and precede another: {0}");

        /// <summary>MG0090: a [BatchNormalization] momentum outside [0, 1] or an epsilon that is not positive and finite.</summary>
        public static readonly DiagnosticDescriptor InvalidBatchNormalization = Error("MG0090",
            "Invalid batch normalization argument",
            "BatchNormalization '{0}': {1} {2} is out of range: {3}");

        /// <summary>MG0091: a [BatchNormalization] that does not sit between two Dense layers.</summary>
        public static readonly DiagnosticDescriptor MisplacedBatchNormalization = Error("MG0091",
            "Misplaced batch normalization",
            "[BatchNormalization] must follow a Dense layer and precede another: {0}");

        /// <summary>MG0092: an activation after the normalization that BatchNormalization does not generate.</summary>
        public static readonly DiagnosticDescriptor UnsupportedBatchNormActivation = Error("MG0092",
            "Unsupported batch normalization activation",
            "BatchNormalization '{0}' has Activation = {1}, which it does not support: use Identity, Relu, Sigmoid, Tanh, Elu or Selu, or give the activation to the next Dense layer's input instead");

        /// <summary>MG0063: a clipping threshold that is negative or not finite.</summary>
        public static readonly DiagnosticDescriptor InvalidClipping = Error("MG0063",
            "Invalid gradient clipping threshold",
            "'{0}': {1} is {2}: it must be positive and finite, or 0 for no clipping");

        /// <summary>MG0100: no additional file matches the path of [FrozenWeights].</summary>
        public static readonly DiagnosticDescriptor FrozenWeightsFileNotFound = Error("MG0100",
            "Frozen weights file not found",
            "'{0}': no additional file matches [FrozenWeights(\"{1}\")]: add the file to the project as <AdditionalFiles Include=\"...\" /> (it matches when its full path ends with the given path at a folder boundary: a path relative to the project, or the file name)");

        /// <summary>MG0101: the weights file is not a readable safetensors file.</summary>
        public static readonly DiagnosticDescriptor FrozenWeightsFileUnreadable = Error("MG0101",
            "Frozen weights file unreadable",
            "Weights file '{0}' cannot be read: {1}; write it with the trainable model's Save (safetensors)");

        /// <summary>MG0102: a tensor the declaration needs is not in the file.</summary>
        public static readonly DiagnosticDescriptor FrozenTensorMissing = Error("MG0102",
            "Frozen weights tensor missing",
            "{0} has no tensor '{1}' {2} for layer '{3}' (nor PyTorch's '.weight' form of a kernel); the file holds: {4}");

        /// <summary>MG0103: a tensor's shape differs from the declaration's.</summary>
        public static readonly DiagnosticDescriptor FrozenTensorShape = Error("MG0103",
            "Frozen weights tensor has the wrong shape",
            "{0}: tensor '{1}' has shape {2}, but layer '{4}' declares {3}: fix the declaration, or save the weights of the model it declares");

        /// <summary>MG0104: a tensor's dtype is not a float type the generator converts.</summary>
        public static readonly DiagnosticDescriptor FrozenTensorDtype = Error("MG0104",
            "Frozen weights tensor has an unsupported dtype",
            "{0}: tensor '{1}' is {2}; frozen weights must be F32, F64, F16 or BF16");

        /// <summary>MG0105: [FrozenWeights] and [Model] on one class.</summary>
        public static readonly DiagnosticDescriptor FrozenWithModelAttribute = Error("MG0105",
            "Frozen model with [Model]",
            "'{0}' has both [Model] and [FrozenWeights]: a frozen model has no training options; remove [Model] here and keep it on the trainable class");

        /// <summary>MG0107: a functional model with [FrozenWeights].</summary>
        public static readonly DiagnosticDescriptor FrozenGraphNotSupported = Error("MG0107",
            "Frozen functional models not supported",
            "'{0}' is a functional (graph) model: [FrozenWeights] compiles sequential declarations only so far; use the trainable model and Load the weights");

        /// <summary>MG0109: a frozen model declares a [Normalization] layer, which it does not compile yet.</summary>
        public static readonly DiagnosticDescriptor FrozenNormalizationNotSupported = Error("MG0109",
            "Normalization not supported by frozen models",
            "'{0}' declares a [Normalization] layer, which [FrozenWeights] does not compile yet: standardize the inputs before Predict, or use the trainable model and Load the weights");

        /// <summary>MG0108: the path of [FrozenWeights] matches several additional files.</summary>
        public static readonly DiagnosticDescriptor FrozenWeightsFileAmbiguous = Error("MG0108",
            "Frozen weights file ambiguous",
            "[FrozenWeights(\"{0}\")] matches several additional files ({1}): give more of the path");

        /// <summary>MG0099: the generator itself failed (a bug in ModelGen).</summary>
        public static readonly DiagnosticDescriptor InternalError = Error("MG0099",
            "ModelGen failed to compile the model",
            "ModelGen failed to compile '{0}' ({1}): this is a bug in ModelGen; please report it with the declaration");

        /// <summary>Looks up a descriptor by ID (for <see cref="DiagnosticInfo.ToDiagnostic"/>).</summary>
        public static DiagnosticDescriptor ById(string id) => s_byId[id];

        /// <summary>All descriptors, in ID order.</summary>
        public static IEnumerable<DiagnosticDescriptor> All => s_byId.Values;

        private static DiagnosticDescriptor Info(string id, string title, string message)
        {
            var descriptor = new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Info,
                isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
            s_byId.Add(id, descriptor);
            return descriptor;
        }

        private static DiagnosticDescriptor Error(string id, string title, string message)
        {
            var descriptor = new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error,
                isEnabledByDefault: true, helpLinkUri: HelpBase + id.ToLowerInvariant());
            s_byId.Add(id, descriptor);
            return descriptor;
        }
    }
}
