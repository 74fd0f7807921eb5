using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Tests.Numerics
{
    /// <summary>One case of Fixtures/activations.json (written by Fixtures/make_activations.py with PyTorch, in float64).</summary>
    public sealed class ActivationFixture
    {
        private static readonly Lazy<JsonElement> s_cases = new(() =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "activations.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.GetProperty("cases").Clone();
        });

        private readonly JsonElement _case;

        private ActivationFixture(JsonElement c) => _case = c;

        /// <summary>Loads the case called <paramref name="name"/>.</summary>
        public static ActivationFixture Load(string name) => new(s_cases.Value.GetProperty(name));

        public float[] Inputs => Floats(_case.GetProperty("inputs"));
        public float[] Targets => Floats(_case.GetProperty("targets"));
        public float[] Outputs => Floats(_case.GetProperty("outputs"));
        public double Loss => _case.GetProperty("loss").GetDouble();
        public IReadOnlyDictionary<string, float[]> Initial => Tensors(_case.GetProperty("initial"));
        public IReadOnlyDictionary<string, float[]> Gradients => Tensors(_case.GetProperty("gradients"));

        /// <summary>The case's network with the fixture's parameters written in.</summary>
        public CompiledModel CreateModel(string name)
        {
            CompiledModel model = Models.ActivationModels.Create(name);
            foreach (KeyValuePair<string, float[]> tensor in Initial) model.WriteParameter(tensor.Key, tensor.Value);
            return model;
        }

        private static Dictionary<string, float[]> Tensors(JsonElement obj) =>
            obj.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("data")));

        private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
    }
}
