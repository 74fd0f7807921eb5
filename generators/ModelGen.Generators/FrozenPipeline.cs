using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Parsing;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Validation;

namespace ModelGen.Generators
{
    /// <summary>
    /// The [FrozenWeights] pipeline, wired into <see cref="ModelGenerator"/>: declarations and weights files are two
    /// independent inputs, each read once per change, joined only at the cheap binding step. An edit to unrelated code
    /// re-reads no file and re-emits nothing; a changed file re-binds and re-emits the models that name it.
    /// </summary>
    public static class FrozenPipeline
    {
        /// <summary>Tracking name of the per-class step: parsed, validated and planned, before the file is read.</summary>
        public const string RequestStep = "FrozenRequest";
        /// <summary>Tracking name of the step that reads a weights file (once per version of the file).</summary>
        public const string WeightsStep = "FrozenWeightsFile";
        /// <summary>Tracking name of the step that binds a model to its file and packs its weights.</summary>
        public const string PlanStep = "FrozenPlan";
        /// <summary>Tracking name of the step that keeps only the source-producing part of a result.</summary>
        public const string SourceStep = "FrozenSource";

        /// <summary>The extension of the additional files the pipeline reads; others are never opened.</summary>
        public const string Extension = ".safetensors";

        /// <summary>Registers the pipeline's inputs and outputs.</summary>
        public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<bool> allowsUnsafe, string version)
        {
            // 1. The declarations: parsed, validated and planned as [Model] classes are.
            IncrementalValuesProvider<Result<FrozenRequest>> requests = context.SyntaxProvider
                .ForAttributeWithMetadataName(FrozenWeightsParser.AttributeName,
                    predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    transform: static (ctx, ct) => Parse((INamedTypeSymbol)ctx.TargetSymbol, ctx.TargetNode, ctx.SemanticModel, ct))
                .WithTrackingName(RequestStep);

            // 2. The weights files: every .safetensors additional file, read when it changes and only then.
            IncrementalValueProvider<EquatableArray<WeightsFile>> files = context.AdditionalTextsProvider
                .Where(static text => text.Path.EndsWith(Extension, System.StringComparison.OrdinalIgnoreCase))
                .Select(static (text, _) => WeightsFileReader.Read(text))
                .WithTrackingName(WeightsStep)
                .Collect()
                .Select(static (all, _) => all.ToEquatableArray());

            // 3. Each valid declaration bound to its file; parse errors pass through.
            IncrementalValuesProvider<Result<FrozenPlan>> plans = requests
                .Combine(files)
                .Select(static (pair, _) => pair.Left.Value is { } request
                    ? Bind(request, pair.Right)
                    : new Result<FrozenPlan>(null, pair.Left.Diagnostics))
                .WithTrackingName(PlanStep);

            // 4. Diagnostics on their own branch, as for [Model] classes.
            context.RegisterSourceOutput(plans.Combine(allowsUnsafe), static (spc, pair) =>
            {
                foreach (DiagnosticInfo d in pair.Left.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
                if (pair.Left.Value is { } plan && !pair.Right)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsafeRequired, Location.None, plan.Model.ClassName));
                }
            });

            // 5. Valid models become source. A frozen class has no [Model], so its hint name cannot meet a trainable model's.
            IncrementalValuesProvider<FrozenPlan> sources = plans
                .Where(static r => r.Value is not null)
                .Select(static (r, _) => r.Value!)
                .Combine(allowsUnsafe)
                .Where(static pair => pair.Right)
                .Select(static (pair, _) => pair.Left)
                .WithTrackingName(SourceStep);
            context.RegisterSourceOutput(sources, (spc, plan) =>
                spc.AddSource(ModelEmitter.FileName(plan.Model) + ".g.cs", FrozenEmitter.Emit(plan, version)));
        }

        /// <summary>Binds a declaration to its file; a failure of ours becomes MG0099 at the attribute, never a thrown generator.</summary>
        private static Result<FrozenPlan> Bind(FrozenRequest request, EquatableArray<WeightsFile> files)
        {
            try
            {
                return FrozenWeightsBinder.Bind(request, files);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                var info = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, request.AttributeLocation, request.Model.ClassName, e.GetType().Name + ": " + e.Message);
                return new Result<FrozenPlan>(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
            }
        }

        private static Result<FrozenRequest> Parse(INamedTypeSymbol type, SyntaxNode node, SemanticModel semanticModel, System.Threading.CancellationToken ct)
        {
            try
            {
                return FrozenWeightsParser.Parse(type, node, semanticModel, ct);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                LocationInfo? at = LocationInfo.From(type.Locations.Length > 0 ? type.Locations[0] : null);
                var info = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, type.Name, e.GetType().Name + ": " + e.Message);
                return new Result<FrozenRequest>(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
            }
        }
    }
}
