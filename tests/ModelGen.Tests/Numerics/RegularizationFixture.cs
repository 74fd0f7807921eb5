using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// Fixtures/regularization.json (written by Fixtures/make_regularization.py): one network's start, 10 batches, and
    /// for each run the loss (penalty included) before and every parameter after each step, in Keras 3's semantics.
    /// </summary>
    public sealed class RegularizationFixture
    {
        private static readonly Lazy<RegularizationFixture> s_instance = new(() =>
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "regularization.json");
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return new RegularizationFixture(doc.RootElement.Clone());
        });

        private readonly JsonElement _root;

        private RegularizationFixture(JsonElement root) => _root = root;

        /// <summary>The fixture, parsed once.</summary>
        public static RegularizationFixture Instance => s_instance.Value;

        /// <summary>Steps per run.</summary>
        public int StepCount => _root.GetProperty("steps").GetInt32();

        /// <summary>The starting parameters, by Keras name.</summary>
        public IReadOnlyDictionary<string, float[]> Initial => Tensors(_root.GetProperty("initial"));

        /// <summary>Batch <paramref name="step"/>'s inputs [4, 5] and targets [4, 3].</summary>
        public (float[] Inputs, float[] Targets) Batch(int step)
        {
            JsonElement b = _root.GetProperty("batches")[step];
            return (Floats(b.GetProperty("inputs").GetProperty("data")), Floats(b.GetProperty("targets").GetProperty("data")));
        }

        /// <summary>The batch loss plus the penalties, before step <paramref name="step"/>.</summary>
        public double Loss(string run, int step) => Step(run, step).GetProperty("loss").GetDouble();

        /// <summary>Every parameter after step <paramref name="step"/>.</summary>
        public IReadOnlyDictionary<string, float[]> ParametersAfter(string run, int step) => Tensors(Step(run, step).GetProperty("parameters"));

        private JsonElement Step(string run, int step) => _root.GetProperty("runs").GetProperty(run).GetProperty("steps")[step];

        private static Dictionary<string, float[]> Tensors(JsonElement obj) =>
            obj.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("data")));

        private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
    }
}
