using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads a [Model] class into a <see cref="ModelDeclaration"/>. The only code that touches symbols and attribute
    /// data; everything after it works on plain records.
    /// </summary>
    public static class ModelParser
    {
        /// <summary>Metadata name of [Model], the attribute the pipeline looks for.</summary>
        public const string ModelAttributeName = "ModelGen.ModelAttribute";
        private const string InputAttributeName = "ModelGen.InputAttribute";
        internal const string FlattenAttributeName = "ModelGen.FlattenAttribute";
        private const string DenseAttributeName = "ModelGen.DenseAttribute";
        private const string DropoutAttributeName = "ModelGen.DropoutAttribute";
        private const string AlphaDropoutAttributeName = "ModelGen.AlphaDropoutAttribute";
        internal const string NormalizationAttributeName = "ModelGen.NormalizationAttribute";

        /// <summary>
        /// Parses the class. Returns null with diagnostics when the class itself cannot hold a model (not partial,
        /// nested, ...), and null without diagnostics when an attribute does not even compile: the compiler reports that.
        /// </summary>
        public static Result<ModelDeclaration> Parse(INamedTypeSymbol type, SyntaxNode node, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var models = new SemanticModels(semanticModel);
            var diagnostics = new List<DiagnosticInfo>();
            if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == ModelAttributeName) > 1)
            {
                // [Model] twice (on two partial declarations): the compiler reports CS0579; generating twice would clash.
                return new Result<ModelDeclaration>(null, EquatableArray<DiagnosticInfo>.Empty);
            }
            LocationInfo? location = LocationInfo.From(node is TypeDeclarationSyntax t ? t.Identifier.GetLocation() : node.GetLocation());
            CheckClassShape(type, node, location, models, diagnostics);

            ModelOptions? options = null;
            var layers = new List<LayerDeclaration>();
            var unattachedBatchNorms = new List<LocationInfo?>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (attribute.AttributeClass is null or IErrorTypeSymbol || HasErrors(attribute) || (IsOurs(name) && HasBindingErrors(attribute, models, cancellationToken)))
                {
                    // The compiler reports the broken attribute; generating from a guess would only add noise.
                    if (IsOurs(name)) return new Result<ModelDeclaration>(null, diagnostics.ToEquatableArray());
                    continue;
                }
                LocationInfo? at = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
                switch (name)
                {
                    case ModelAttributeName:
                        options = ParseOptions(attribute, at);
                        break;
                    case FrozenWeightsParser.AttributeName:
                        // A frozen model has no [Model]: it is planned with [Model]'s defaults (Parsing/FrozenWeightsParser.cs).
                        options ??= FrozenWeightsParser.Options(attribute, at);
                        break;
                    case InputAttributeName:
                        layers.Add(ParseInput(attribute, at));
                        break;
                    case FlattenAttributeName:
                        layers.Add(Layer(LayerKind.Flatten, Named(attribute, "Name", (string?)null), at) with { From = Named(attribute, "From", (string?)null) });
                        break;
                    case DenseAttributeName:
                        layers.Add(ParseDense(attribute, at));
                        break;
                    case DropoutAttributeName:
                        DropoutParser.Attach(attribute, at, layers, diagnostics, alpha: false);
                        break;
                    case AlphaDropoutAttributeName:
                        DropoutParser.Attach(attribute, at, layers, diagnostics, alpha: true);
                        break;
                    case BatchNormParser.AttributeName:
                        BatchNormParser.Attach(attribute, at, layers, diagnostics, unattachedBatchNorms);
                        break;
                    case NormalizationAttributeName:
                        layers.Add(ParseNormalization(attribute, at));
                        break;
                }
            }
            DropoutParser.CheckNotLast(layers, diagnostics);

            // A functional model's nodes are the layer attributes on its members (Parsing/GraphParser.cs).
            EquatableArray<NodeDeclaration>? nodes = GraphParser.ParseMembers(type, models, diagnostics, cancellationToken);
            if (nodes is null) return new Result<ModelDeclaration>(null, diagnostics.ToEquatableArray());
            BatchNormParser.CheckPlacement(layers, diagnostics, unattachedBatchNorms, functional: nodes.Value.Count > 0);
            if (diagnostics.Count > 0 || options is null)
            {
                return new Result<ModelDeclaration>(null, diagnostics.ToEquatableArray());
            }
            // Names as C# source spells them: a namespace "event" or a class "class" need the '@' prefix.
            string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString(s_escapedNamespace) : null;
            var declaration = new ModelDeclaration(ns, Escape(type.Name), location, options, layers.ToEquatableArray()) { Nodes = nodes.Value };
            return new Result<ModelDeclaration>(declaration, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>Semantic models of the trees one Parse call looks at (a class's partial declarations may span files).</summary>
        internal sealed class SemanticModels
        {
            private readonly SemanticModel _first;

            public SemanticModels(SemanticModel first) => _first = first;

            public SemanticModel Get(SyntaxTree tree) => tree == _first.SyntaxTree ? _first : _first.Compilation.GetSemanticModel(tree);
        }

        private static readonly SymbolDisplayFormat s_escapedNamespace = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        private static string Escape(string identifier) =>
            SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

        private static void CheckClassShape(INamedTypeSymbol type, SyntaxNode node, LocationInfo? location, SemanticModels models, List<DiagnosticInfo> diagnostics)
        {
            if (node is not ClassDeclarationSyntax || type.IsRecord || type.IsStatic || type.TypeKind != TypeKind.Class)
            {
                string kind = type.IsRecord ? "a record" : type.IsStatic ? "a static class"
                    : type.TypeKind == TypeKind.Interface ? "an interface" : "a " + type.TypeKind.ToString().ToLowerInvariant();
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBeClass, location, type.Name, kind));
                return;
            }
            if (type.ContainingType is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBeTopLevel, location, type.Name, "nested in '" + type.ContainingType.Name + "'"));
            }
            else if (type.IsGenericType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBeTopLevel, location, type.Name, "generic"));
            }
            else if (type.IsFileLocal)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBeTopLevel, location, type.Name, "file-local"));
            }
            bool isPartial = type.DeclaringSyntaxReferences.All(r =>
                r.GetSyntax() is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelMustBePartial, location, type.Name));
            }
            if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, location, type.Name, baseType.ToDisplayString()));
            }
            else if (NamesObjectAsBase(type, models))
            {
                // ": object" spelled out is still a base class in a partial declaration, and clashes with ours.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ModelHasBaseClass, location, type.Name, "object"));
            }
        }

        private static bool NamesObjectAsBase(INamedTypeSymbol type, SemanticModels models)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not ClassDeclarationSyntax { BaseList: { } baseList } declaration) continue;
                SemanticModel model = models.Get(declaration.SyntaxTree);
                foreach (BaseTypeSyntax baseType in baseList.Types)
                {
                    if (model.GetTypeInfo(baseType.Type).Type is { SpecialType: SpecialType.System_Object }) return true;
                }
            }
            return false;
        }

        private static bool IsOurs(string? name) =>
            name is ModelAttributeName or InputAttributeName or FlattenAttributeName or DenseAttributeName or DropoutAttributeName or AlphaDropoutAttributeName or BatchNormParser.AttributeName or NormalizationAttributeName;

        /// <summary>
        /// Whether the compiler reports an error inside the attribute's own text. Roslyn still binds a value for many
        /// wrong arguments (an int where an enum is expected, a double for a float, an unknown named argument), so
        /// <see cref="HasErrors"/> alone does not see them; generating from such a value would only add noise.
        /// </summary>
        internal static bool HasBindingErrors(AttributeData attribute, SemanticModels models, CancellationToken cancellationToken)
        {
            SyntaxReference? reference = attribute.ApplicationSyntaxReference;
            if (reference is null) return false;
            SyntaxNode syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not AttributeSyntax { ArgumentList: { } arguments }) return false;
            SemanticModel model = models.Get(syntax.SyntaxTree);
            return model.GetDiagnostics(arguments.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        }

        internal static bool HasErrors(AttributeData attribute) =>
            attribute.AttributeConstructor is null
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
            || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error);

        private static ModelOptions ParseOptions(AttributeData attribute, LocationInfo? at) => new(
            (Loss)Named(attribute, "Loss", (int)Loss.MeanSquaredError),
            (Optimizer)Named(attribute, "Optimizer", (int)Optimizer.Adam),
            Named(attribute, "LearningRate", 0f),
            Named(attribute, "FromLogits", false),
            Named(attribute, "UnrollThreshold", 256),
            Named(attribute, "Momentum", 0f),
            Named(attribute, "Nesterov", false),
            ParseHyperparameters(attribute),
            at)
        {
            HuberDelta = Named(attribute, "HuberDelta", 1f),
            HuberDeltaSet = attribute.NamedArguments.Any(a => a.Key == "HuberDelta"),
            Metrics = NamedIntArray(attribute, "Metrics"),
            Clipping = TrainingMathParser.ReadClipping(attribute),
        };

        /// <summary>An enum-array named argument (<c>Metrics = new[] { ... }</c>) as ints; null or absent is empty.</summary>
        internal static EquatableArray<int> NamedIntArray(AttributeData attribute, string name)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key != name || pair.Value.Kind != TypedConstantKind.Array || pair.Value.IsNull) continue;
                return pair.Value.Values.Select(v => v.Value is int i ? i : -1).ToEquatableArray();
            }
            return EquatableArray<int>.Empty;
        }

        private static OptimizerHyperparameters ParseHyperparameters(AttributeData attribute) => new(
            Named(attribute, "Beta1", 0f),
            Named(attribute, "Beta2", 0f),
            Named(attribute, "Epsilon", 0f),
            Named(attribute, "AmsGrad", false),
            Named(attribute, "Rho", 0f),
            Named(attribute, "Centered", false),
            Named(attribute, "InitialAccumulatorValue", 0f),
            Named(attribute, "WeightDecay", 0f));

        internal static LayerDeclaration ParseInput(AttributeData attribute, LocationInfo? at)
        {
            // [Input(28, 28)] binds the params array as one array-valued argument.
            var shape = new List<int>();
            foreach (TypedConstant argument in attribute.ConstructorArguments)
            {
                if (argument.Kind == TypedConstantKind.Array)
                {
                    // [Input(null)] compiles (a null params array): it is an empty shape, reported by validation.
                    if (!argument.IsNull) shape.AddRange(argument.Values.Select(v => v.Value is int i ? i : 0));
                }
                else if (argument.Value is int single)
                {
                    shape.Add(single);
                }
            }
            return Layer(LayerKind.Input, Named(attribute, "Name", (string?)null), at) with { Shape = shape.ToEquatableArray() };
        }

        internal static LayerDeclaration ParseDense(AttributeData attribute, LocationInfo? at)
        {
            ImmutableArray<TypedConstant> args = attribute.ConstructorArguments;
            int units = args.Length > 0 && args[0].Value is int u ? u : 0;
            var activation = (Activation)(args.Length > 1 && args[1].Value is int a ? a : (int)Activation.Identity);
            return Layer(LayerKind.Dense, Named(attribute, "Name", (string?)null), at) with
            {
                Units = units,
                Activation = activation,
                UseBias = Named(attribute, "UseBias", true),
                KernelInit = (Init)Named(attribute, "KernelInit", (int)Init.Default),
                BiasInit = (Init)Named(attribute, "BiasInit", (int)Init.Default),
                ActivationArguments = ParseActivationArguments(attribute),
                KernelArguments = InitArgumentsParser.Read(attribute, InitArgumentsParser.KernelPrefix),
                BiasArguments = InitArgumentsParser.Read(attribute, InitArgumentsParser.BiasPrefix),
                From = Named(attribute, "From", (string?)null),
                Training = TrainingMathParser.ReadLayer(attribute),
            };
        }

        /// <summary>[Normalization]: a name and, on a graph node, From.</summary>
        internal static LayerDeclaration ParseNormalization(AttributeData attribute, LocationInfo? at) =>
            Layer(LayerKind.Normalization, Named(attribute, "Name", (string?)null), at) with { From = Named(attribute, "From", (string?)null), UseBias = false };

        /// <summary>The activation parameters as written (null where not set, so validation sees what was given).</summary>
        private static ActivationArguments ParseActivationArguments(AttributeData attribute) => new(
            Given<float>(attribute, "NegativeSlope"),
            Given<float>(attribute, "Alpha"),
            Given<float>(attribute, "Beta"),
            Given<bool>(attribute, "LearnBeta"),
            Given<float>(attribute, "RReluLower"),
            Given<float>(attribute, "RReluUpper"));

        private static T? Given<T>(AttributeData attribute, string name) where T : struct
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is T value) return value;
            }
            return null;
        }

        private static LayerDeclaration Layer(LayerKind kind, string? name, LocationInfo? at) =>
            new(kind, name, at, EquatableArray<int>.Empty, 0, Activation.Identity, true, Init.Default, Init.Default);

        internal static T Named<T>(AttributeData attribute, string name, T fallback)
        {
            foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
            {
                if (pair.Key == name && pair.Value.Value is T value) return value;
            }
            return fallback;
        }
    }
}
