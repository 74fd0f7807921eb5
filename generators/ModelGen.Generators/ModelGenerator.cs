using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGen.Generators.Diagnostics;
using ModelGen.Generators.Emit;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Parsing;
using ModelGen.Generators.Plan;
using ModelGen.Generators.Planning;
using ModelGen.Generators.Validation;

namespace ModelGen.Generators
{
    /// <summary>
    /// ModelGen's generator: finds [Model] classes, parses, validates, plans and emits them. This file is only the
    /// wiring; each stage lives in its own folder.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking name of the per-model plan step (asserted by the incrementality tests).</summary>
        public const string PlanStep = "ModelPlan";
        /// <summary>Tracking name of the step that keeps only the source-producing part of a result.</summary>
        public const string SourceStep = "ModelSource";

        private static readonly string s_version =
            typeof(ModelGenerator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // 1. Find [Model] classes and do all the expensive work inside the transform, so an edit that leaves the
            //    plan equal stops the pipeline here.
            IncrementalValuesProvider<Result<ModelPlan>> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(ModelParser.ModelAttributeName,
                    predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                    transform: static (ctx, ct) => Compile((INamedTypeSymbol)ctx.TargetSymbol, ctx.TargetNode, ctx.SemanticModel, ct))
                .WithTrackingName(PlanStep);

            // 2. One compilation-wide fact, projected to a bool so it never invalidates the models.
            IncrementalValueProvider<bool> allowsUnsafe = context.CompilationProvider
                .Select(static (c, _) => c.Options is CSharpCompilationOptions { AllowUnsafe: true });

            // 3. Diagnostics go out on their own branch: a moved error does not regenerate code.
            context.RegisterSourceOutput(results.Combine(allowsUnsafe), static (spc, pair) =>
            {
                foreach (DiagnosticInfo d in pair.Left.Diagnostics) spc.ReportDiagnostic(d.ToDiagnostic());
                if (pair.Left.Value is { } plan && !pair.Right)
                {
                    spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsafeRequired, Location.None, plan.ClassName));
                }
            });

            // 4. Valid models become source; invalid ones produce nothing.
            //    Without unsafe code allowed the output could not compile: MG0014 says so, and nothing is emitted.
            IncrementalValuesProvider<ModelPlan> plans = results
                .Where(static r => r.Value is not null)
                .Select(static (r, _) => r.Value!)
                .Combine(allowsUnsafe)
                .Where(static pair => pair.Right)
                .Select(static (pair, _) => pair.Left);

            // 5. Roslyn compares hint names ignoring case, so models Net and NET would collide: each model's file name
            //    is chosen against the sorted list of all of them (equatable, so it changes only when a model is added,
            //    removed or renamed, and an edit inside one model leaves the others cached).
            IncrementalValueProvider<EquatableArray<string>> fileNames = plans
                .Select(static (plan, _) => ModelEmitter.FileName(plan))
                .Collect()
                .Select(static (names, _) => names.Sort(System.StringComparer.Ordinal).ToEquatableArray());
            IncrementalValuesProvider<ModelSource> sources = plans
                .Combine(fileNames)
                .Select(static (pair, _) => new ModelSource(pair.Left, ModelEmitter.HintName(pair.Left, pair.Right)))
                .WithTrackingName(SourceStep);
            context.RegisterSourceOutput(sources, static (spc, source) =>
                spc.AddSource(source.HintName, ModelEmitter.Emit(source.Plan, s_version)));

            // 6. [FrozenWeights] classes: inference-only models with a weights file compiled in (FrozenPipeline.cs).
            FrozenPipeline.Register(context, allowsUnsafe, s_version);
        }

        /// <summary>Parse, validate and plan one model; every problem becomes a diagnostic, never an exception.</summary>
        private static Result<ModelPlan> Compile(INamedTypeSymbol type, SyntaxNode node, SemanticModel semanticModel, CancellationToken ct)
        {
            try
            {
                return CompileStages(type, node, semanticModel, ct);
            }
            catch (System.Exception e) when (e is not System.OperationCanceledException)
            {
                // A bug of ours must not take the user's build down with CS8785: report it where the model is.
                LocationInfo? at = LocationInfo.From(type.Locations.Length > 0 ? type.Locations[0] : null);
                var info = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, at, type.Name, e.GetType().Name + ": " + e.Message);
                return new Result<ModelPlan>(null, new EquatableArray<DiagnosticInfo>(new[] { info }));
            }
        }

        private static Result<ModelPlan> CompileStages(INamedTypeSymbol type, SyntaxNode node, SemanticModel semanticModel, CancellationToken ct)
        {
            Result<ModelDeclaration> parsed = ModelParser.Parse(type, node, semanticModel, ct);
            if (parsed.Value is null) return new Result<ModelPlan>(null, parsed.Diagnostics);
            if (parsed.Value.Nodes.Count > 0) return CompileGraph(parsed.Value, semanticModel.Compilation);
            Result<CheckedModel> validated = ModelValidator.Validate(parsed.Value);
            if (validated.Value is null) return new Result<ModelPlan>(null, validated.Diagnostics);
            ModelPlan plan = Planner.Lower(validated.Value);
            if (GeneratedMembers.Contains(plan, plan.ClassName))
            {
                // C# forbids a member named like its class (CS0542): say so instead of emitting code that cannot compile.
                var clash = DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameClashesWithMember, parsed.Value.Location, plan.ClassName);
                return new Result<ModelPlan>(null, new EquatableArray<DiagnosticInfo>(new[] { clash }));
            }
            return new Result<ModelPlan>(plan, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>
        /// A functional model: validated, scheduled into the graph IR and lowered to a plan the graph emitter writes.
        /// Both backends run it (C# and OpenCL, from the same plan).
        /// </summary>
        private static Result<ModelPlan> CompileGraph(ModelDeclaration declaration, Compilation compilation)
        {
            Result<CheckedGraph> validated = GraphValidator.Validate(declaration);
            if (validated.Value is null) return new Result<ModelPlan>(null, validated.Diagnostics);
            ModelOptions o = declaration.Options;
            // The [Model] options and the Dense nodes in schedule order, as the sequential training rules read a model.
            EquatableArray<CheckedLayer> dense = validated.Value.Schedule
                .Select(n => n.Layer).Where(l => l is { Kind: LayerKind.Dense }).Select(l => l!).ToEquatableArray();
            var model = new CheckedModel(declaration.Namespace, declaration.ClassName, Loss.MeanSquaredError, o.Optimizer,
                validated.Value.LearningRate, false, o.UnrollThreshold, o.Momentum, o.Nesterov,
                Ops.OptimizerRules.Resolve(o.Optimizer, o.Hyperparameters), "input", EquatableArray<int>.Empty, dense)
            {
                Clipping = o.Clipping,
            };
            ModelPlan plan = GraphPlanner.LowerModel(validated.Value, model);
            // The emitter adds the sequential members plus these, and the class inherits CompiledModel's: a Node property
            // with one of their names could not compile, or would hide a helper the generated code calls (CS0108).
            string[] graphMembers = { "PackInputs", "PackTargets" };
            var inherited = InheritedMemberNames(compilation);
            var clashes = declaration.Nodes
                .Where(n => GeneratedMembers.Contains(plan, n.Member) || graphMembers.Contains(n.Member) || inherited.Contains(n.Member))
                .Select(n => DiagnosticInfo.Create(DiagnosticDescriptors.NodeNamedLikeGeneratedMember, n.Location, n.Member, declaration.ClassName))
                .ToArray();
            if (clashes.Length > 0) return new Result<ModelPlan>(null, new EquatableArray<DiagnosticInfo>(clashes));
            return new Result<ModelPlan>(plan, EquatableArray<DiagnosticInfo>.Empty);
        }

        /// <summary>The public and protected members a model class inherits from <c>ModelGen.CompiledModel</c> (and object).</summary>
        private static HashSet<string> InheritedMemberNames(Compilation compilation)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            for (INamedTypeSymbol? type = compilation.GetTypeByMetadataName("ModelGen.CompiledModel"); type is not null; type = type.BaseType)
            {
                foreach (ISymbol member in type.GetMembers())
                {
                    if (member.CanBeReferencedByName && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)
                    {
                        names.Add(member.Name);
                    }
                }
            }
            return names;
        }
    }
}