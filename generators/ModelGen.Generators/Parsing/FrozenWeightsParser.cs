using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;
using ModelGen.Generators.Validation;

namespace ModelGen.Generators.Parsing
{
    /// <summary>
    /// Reads a [FrozenWeights] class into a <see cref="FrozenRequest"/>: the layers are parsed, validated and planned
    /// exactly as a [Model] class's (the frozen model must compute what the trainable one computes), then the parts
    /// a frozen model cannot have (a graph) are refused.
    /// </summary>
    public static class FrozenWeightsParser
    {
        /// <summary>Metadata name of [FrozenWeights], the attribute the frozen pipeline looks for.</summary>
        public const string AttributeName = "ModelGen.FrozenWeightsAttribute";

        /// <summary>
        /// The options a frozen model is planned with: [Model]'s defaults (no training option changes a forward pass)
        /// and the attribute's UnrollThreshold, which decides which layers get their weights as literals.
        /// </summary>
        internal static ModelOptions Options(AttributeData attribute, LocationInfo? at) => new(
            Loss.MeanSquaredError, Optimizer.Sgd, 0.01f, false, ModelParser.Named(attribute, "UnrollThreshold", 256), 0f, false,
            OptimizerHyperparameters.None, at);

        /// <summary>Parses, validates and plans the class; every problem is a diagnostic.</summary>
        public static Result<FrozenRequest> Parse(INamedTypeSymbol type, SyntaxNode node, SemanticModel semanticModel, CancellationToken ct)
        {
            AttributeData? frozen = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeName);
            if (frozen is null || ModelParser.HasErrors(frozen)) return Empty();
            LocationInfo? at = LocationInfo.From(frozen.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation());
            LocationInfo? classAt = LocationInfo.From(node is TypeDeclarationSyntax t ? t.Identifier.GetLocation() : node.GetLocation());
            string path = frozen.ConstructorArguments.Length == 1 && frozen.ConstructorArguments[0].Value is string p ? p : "";
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ModelParser.ModelAttributeName))
            {
                return Fail(DiagnosticDescriptors.FrozenWithModelAttribute, at, type.Name);
            }
            if (path.Trim().Length == 0) return Fail(DiagnosticDescriptors.FrozenWeightsFileNotFound, at, type.Name, path);

            Result<ModelDeclaration> parsed = ModelParser.Parse(type, node, semanticModel, ct);
            if (parsed.Value is null) return new Result<FrozenRequest>(null, parsed.Diagnostics);
            if (parsed.Value.Nodes.Count > 0) return Fail(DiagnosticDescriptors.FrozenGraphNotSupported, classAt, type.Name);
            // Not compiled yet: planned like a trainable model, it would read a buffer nothing writes (found in review).
            if (parsed.Value.Layers.FirstOrDefault(l => l.Kind == LayerKind.Normalization) is { } normalization)
            {
                return Fail(DiagnosticDescriptors.FrozenNormalizationNotSupported, normalization.Location, type.Name);
            }
            Result<CheckedModel> validated = ModelValidator.Validate(parsed.Value);
            // Validation warnings are about training; only errors (which leave no model) matter to a frozen model.
            if (validated.Value is null) return new Result<FrozenRequest>(null, validated.Diagnostics);
            ModelPlan plan = Planner.Lower(validated.Value);

            LayerDeclaration[] dense = parsed.Value.Layers.Where(l => l.Kind == LayerKind.Dense).ToArray();
            var sites = plan.DenseSteps.Select((d, i) => new LayerSite(d.Name, i < dense.Length ? dense[i].Location : classAt)).ToEquatableArray();
            // Batch normalizations report their tensors' problems at their own attribute (the plan names them, the declaration locates them).
            var bnSites = plan.DenseSteps.Select((d, i) => (d, i)).Where(s => s.d.BatchNorm is not null)
                .Select(s => new LayerSite(s.d.BatchNorm!.Name, s.i < dense.Length ? dense[s.i].BatchNorm?.Location ?? dense[s.i].Location : classAt))
                .ToEquatableArray();
            return new Result<FrozenRequest>(new FrozenRequest(plan, path, at, sites, bnSites, ModelParser.Named(frozen, "AlignWeights", false)), EquatableArray<DiagnosticInfo>.Empty);
        }

        private static Result<FrozenRequest> Empty() => new(null, EquatableArray<DiagnosticInfo>.Empty);

        private static Result<FrozenRequest> Fail(DiagnosticDescriptor descriptor, LocationInfo? at, params object[] arguments) =>
            new(null, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(descriptor, at, arguments) }));
    }
}
