using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ModelGen.Generators.Helpers;
using ModelGen.Generators.Model;
using ModelGen.Generators.Plan;
using Xunit;

namespace ModelGen.Generators.Tests
{
    /// <summary>
    /// STYLE.md section 2: what flows through the incremental pipeline is plain, equatable data. Walks the types by
    /// reflection (as System.Text.Json's SourceGenModelDoesNotEncapsulateSymbolsOrCompilationData does) and fails on
    /// any Roslyn object, or any type that would not compare structurally.
    /// </summary>
    public sealed class EquatabilityTests
    {
        // Roslyn types that are plain value data: allowed inside our LocationInfo.
        private static readonly HashSet<Type> s_allowedRoslynValues = new()
        {
            typeof(Microsoft.CodeAnalysis.Text.TextSpan),
            typeof(Microsoft.CodeAnalysis.Text.LinePositionSpan),
            typeof(Microsoft.CodeAnalysis.Text.LinePosition),
        };

        public static TheoryData<Type> PipelineTypes => new()
        {
            typeof(ModelPlan),
            typeof(Result<ModelPlan>),
            typeof(CheckedModel),
            typeof(ModelDeclaration),
            typeof(Result<ModelDeclaration>),
            typeof(Result<CheckedModel>),
            typeof(Result<FrozenRequest>),
            typeof(Result<FrozenPlan>),
            typeof(WeightsFile),
        };

        [Theory]
        [MemberData(nameof(PipelineTypes))]
        public void PipelineType_HoldsNoRoslynObjectsAndComparesStructurally(Type root)
        {
            var problems = new List<string>();
            Walk(root, root.Name, new HashSet<Type>(), problems);
            Assert.True(problems.Count == 0, $"{root.Name} is not plain equatable data:\n  " + string.Join("\n  ", problems));
        }

        [Fact]
        public void Walker_FindsARoslynObjectWhereThereIsOne()
        {
            // The walk must be able to fail: a record holding a Location is caught, even behind an array and a generic.
            var problems = new List<string>();
            Walk(typeof(Holder), nameof(Holder), new HashSet<Type>(), problems);
            Assert.Contains(problems, p => p.Contains("Microsoft.CodeAnalysis.Location", StringComparison.Ordinal));
        }

        private sealed record Holder(EquatableArray<Inner> Items);

        private sealed record Inner(Microsoft.CodeAnalysis.Location Where) : IEquatable<Inner>;

        private static void Walk(Type type, string path, HashSet<Type> seen, List<string> problems)
        {
            if (Nullable.GetUnderlyingType(type) is { } underlying) type = underlying;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)) return;
            if (!seen.Add(type)) return;

            string? ns = type.Namespace;
            if (ns is not null && ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            {
                if (!s_allowedRoslynValues.Contains(type)) problems.Add($"{path}: {type.FullName} is a Roslyn type");
                return;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                Walk(type.GetGenericArguments()[0], path + "[]", seen, problems);
                return;
            }
            if (type.IsArray)
            {
                problems.Add($"{path}: {type} is an array (compared by reference): use EquatableArray<T>");
                return;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                // A computed view (ModelPlan.DenseSteps): not state, but what it yields must be plain too.
                Walk(type.GetGenericArguments()[0], path + ".*", seen, problems);
                return;
            }
            // A definition written once in src/ and compiled into the generator too (InitArguments) is ours as well.
            bool shared = ns == "ModelGen" && type.Assembly == typeof(ModelPlan).Assembly;
            if (ns is null || !(ns.StartsWith("ModelGen.Generators", StringComparison.Ordinal) || shared))
            {
                problems.Add($"{path}: {type.FullName} is neither a primitive, string, enum, EquatableArray<T> nor one of ours");
                return;
            }

            if (!type.IsValueType && !type.IsSealed) problems.Add($"{path}: {type.Name} is not sealed (a derived type could break equality)");
            Type equatable = typeof(IEquatable<>).MakeGenericType(type);
            if (!equatable.IsAssignableFrom(type)) problems.Add($"{path}: {type.Name} does not implement IEquatable<{type.Name}>");

            const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (PropertyInfo property in type.GetProperties(Instance))
            {
                if (property.Name == "EqualityContract") continue; // records' compiler-generated Type property
                if (property.GetIndexParameters().Length > 0) continue;
                if (property.SetMethod is { } setter && setter.IsPublic && !IsInitOnly(setter))
                {
                    problems.Add($"{path}.{property.Name} has a public setter: the type must stay immutable");
                }
                Walk(property.PropertyType, path + "." + property.Name, seen, problems);
            }
            // Fields are the real state: a private field holding a symbol would escape a property-only walk.
            foreach (FieldInfo field in type.GetFields(Instance))
            {
                Walk(field.FieldType, path + "." + field.Name, seen, problems);
            }
        }

        // The generator (netstandard2.0) declares its own IsExternalInit: match the modifier by name.
        private static bool IsInitOnly(MethodInfo setter) =>
            setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
    }
}
