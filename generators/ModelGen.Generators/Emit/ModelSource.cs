using ModelGen.Generators.Plan;

namespace ModelGen.Generators.Emit
{
    /// <summary>A valid model's plan and the name of the file it becomes: what one source output needs.</summary>
    public sealed record ModelSource(ModelPlan Plan, string HintName);
}
