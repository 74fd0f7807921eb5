using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Tests.Numerics
{
    /// <summary>One model of Fixtures/reference.json (written by Fixtures/make_reference.py with PyTorch, in float64).</summary>
    public sealed class ReferenceFixture
    {
        private readonly JsonElement _model;

        private ReferenceFixture(JsonElement model) => _model = model;

        /// <summary>Loads the model called <paramref name="name"/> from the fixture file.</summary>
        public static ReferenceFixture Load(string name)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return new ReferenceFixture(doc.RootElement.GetProperty("models").GetProperty(name).Clone());
        }

        public float[] Inputs => Floats(_model.GetProperty("inputs").GetProperty("data"));
        public int[] Labels => _model.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        public float[] Targets => Floats(_model.GetProperty("targets").GetProperty("data"));
        public bool IsClassifier => _model.TryGetProperty("labels", out _);
        public float[] Outputs => Floats(_model.GetProperty("outputs").GetProperty("data"));
        public double InitialLoss => _model.GetProperty("initial_loss").GetDouble();
        public IReadOnlyDictionary<string, float[]> Initial => Tensors(_model.GetProperty("initial"));
        public IReadOnlyDictionary<string, float[]> Gradients => Tensors(_model.GetProperty("gradients"));
        public int StepCount => _model.GetProperty("steps").GetArrayLength();
        public double StepLoss(int step) => _model.GetProperty("steps")[step].GetProperty("loss").GetDouble();
        public IReadOnlyDictionary<string, float[]> ParametersAfter(int step) => Tensors(_model.GetProperty("steps")[step].GetProperty("parameters"));

        private static Dictionary<string, float[]> Tensors(JsonElement obj) =>
            obj.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("data")));

        private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
    }
}
