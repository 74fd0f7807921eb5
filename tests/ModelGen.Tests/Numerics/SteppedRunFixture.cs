using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace ModelGen.Tests.Numerics
{
    /// <summary>
    /// The layout the optimizer and regularization fixtures share: one network's start ("initial"), the batches, and
    /// for each named run the loss before and every parameter after each step ("runs"/NAME/"steps").
    /// </summary>
    public abstract class SteppedRunFixture
    {
        private readonly JsonElement _root;

        /// <summary>Parses Fixtures/<paramref name="fileName"/> next to the test assembly.</summary>
        protected SteppedRunFixture(string fileName)
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fileName);
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            _root = doc.RootElement.Clone();
        }

        /// <summary>Steps per run.</summary>
        public int StepCount => _root.GetProperty("steps").GetInt32();

        /// <summary>The starting parameters, by Keras name.</summary>
        public IReadOnlyDictionary<string, float[]> Initial => Tensors(_root.GetProperty("initial"));

        /// <summary>Batch <paramref name="step"/>'s inputs and targets, row-major.</summary>
        public (float[] Inputs, float[] Targets) Batch(int step)
        {
            JsonElement b = _root.GetProperty("batches")[step];
            return (Floats(b.GetProperty("inputs").GetProperty("data")), Floats(b.GetProperty("targets").GetProperty("data")));
        }

        /// <summary>The loss the fixture computed before step <paramref name="step"/> (0-based) of <paramref name="run"/>.</summary>
        public double Loss(string run, int step) => Step(run, step).GetProperty("loss").GetDouble();

        /// <summary>Every parameter after step <paramref name="step"/>.</summary>
        public IReadOnlyDictionary<string, float[]> ParametersAfter(string run, int step) => Tensors(Step(run, step).GetProperty("parameters"));

        /// <summary>Step <paramref name="step"/> of <paramref name="run"/>, for fields a fixture adds.</summary>
        protected JsonElement Step(string run, int step) => _root.GetProperty("runs").GetProperty(run).GetProperty("steps")[step];

        private static Dictionary<string, float[]> Tensors(JsonElement obj) =>
            obj.EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value.GetProperty("data")));

        private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
    }
}
