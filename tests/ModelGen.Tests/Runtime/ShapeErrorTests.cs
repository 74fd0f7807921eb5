using System;
using ModelGen.Tests.Models;
using Xunit;

namespace ModelGen.Tests.Runtime
{
    /// <summary>
    /// Every misuse of the prediction and training API throws an <see cref="ArgumentException"/> whose message names
    /// the model and says what was expected and what was passed, so it can be fixed without a debugger.
    /// </summary>
    public class ShapeErrorTests
    {
        // ClassifierNet: 6 inputs → 3 classes, sparse cross-entropy. RegressorNet: 5 inputs → 2 outputs, MSE.
        // AllocationMlp: [28, 28] inputs, flattened.

        private static void AssertMentions(Exception ex, params string[] parts)
        {
            foreach (string part in parts) Assert.Contains(part, ex.Message);
        }

        [Fact]
        public void Predict_WrongInputLength_NamesExpectedAndActual()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[11], new float[3]));
            Assert.Equal("input", ex.ParamName);
            AssertMentions(ex, "ClassifierNet", "11", "6");
        }

        [Fact]
        public void Predict_WrongInputLengthForMatrixInput_NamesTheShape()
        {
            using var model = new AllocationMlp(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[783], new float[10]));
            AssertMentions(ex, "783", "784", "[28, 28]");
        }

        [Fact]
        public void Predict_WrongOutputLength_NamesExpectedAndActual()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Predict(new float[6], new float[7]));
            Assert.Equal("output", ex.ParamName);
            AssertMentions(ex, "7", "3");
        }

        [Fact]
        public void PredictClass_WrongInputLength_NamesExpectedAndActual()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.PredictClass(new float[9]));
            AssertMentions(ex, "9", "6");
        }

        [Fact]
        public void PredictBatch_InputsNotAMultipleOfSampleSize_NamesBoth()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.PredictBatch(new float[13]));
            Assert.Equal("inputs", ex.ParamName);
            AssertMentions(ex, "13", "6");
        }

        [Fact]
        public void PredictBatch_OutputSpanOfWrongLength_NamesExpectedAndActual()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.PredictBatch(new float[12], new float[5]));
            Assert.Equal("outputs", ex.ParamName);
            AssertMentions(ex, "5", "[2, 3]", "6");
        }

        [Fact]
        public void TrainBatch_InputsNotAMultipleOfSampleSize_NamesBoth()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[20], new[] { 0, 1, 2 }));
            AssertMentions(ex, "20", "6");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void TrainBatch_LabelCountMismatch_NamesBothCounts()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[18], new[] { 0, 1 }));
            AssertMentions(ex, "3 input samples", "2 targets");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void TrainBatch_TargetRowsMismatch_NamesBothCounts()
        {
            using var model = new RegressorNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[15], new float[4]));
            AssertMentions(ex, "3 input samples", "2 targets");
        }

        [Fact]
        public void TrainBatch_TargetsNotAMultipleOfOutputSize_NamesBoth()
        {
            using var model = new RegressorNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[15], new float[5]));
            Assert.Equal("targets", ex.ParamName);
            AssertMentions(ex, "5", "[2]");
        }

        [Theory]
        [InlineData(3)]
        [InlineData(-1)]
        public void TrainBatch_OutOfRangeLabel_NamesLabelIndexAndRange(int label)
        {
            using var model = new ClassifierNet(seed: 1);
            float[] before = model.ReadParameter("dense.kernel");
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.TrainBatch(new float[12], new[] { 0, label }));
            Assert.Equal("labels", ex.ParamName);
            AssertMentions(ex, $"label {label}", "index 1", "0 to 2");
            Assert.Equal(before, model.ReadParameter("dense.kernel"));
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void ComputeGradients_OutOfRangeLabel_Throws()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.ComputeGradients(new float[6], new[] { 7 }));
            AssertMentions(ex, "label 7", "0 to 2");
        }

        [Fact]
        public void TrainBatch_IntLabelsToMseModel_SaysFloatTargetsOfOutputSize()
        {
            using var model = new RegressorNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[10], new[] { 0, 1 }));
            AssertMentions(ex, "RegressorNet", "MeanSquaredError", "float", "2 per sample");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void TrainBatch_FloatTargetsToClassifier_SaysIntegerLabels()
        {
            using var model = new ClassifierNet(seed: 1);
            // Targets shaped like one-hot rows, [2, 3]: the shapes agree, only the kind of target is wrong.
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[12], new float[6]));
            AssertMentions(ex, "ClassifierNet", "SparseCategoricalCrossEntropy", "int");
            Assert.Equal(0, model.Iterations);
        }

        /// <summary>
        /// Labels passed as floats, one per sample (a common slip): the loss kind is the real mistake, but the row
        /// check runs first and reports a shape problem instead.
        /// </summary>
        [Fact]
        public void TrainBatch_FloatLabelsPerSampleToClassifier_SaysIntegerLabels()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(new float[12], new float[] { 0, 2 }));
            AssertMentions(ex, "SparseCategoricalCrossEntropy", "int");
        }

        [Fact]
        public void Fit_IntLabelsToMseModel_Throws()
        {
            using var model = new RegressorNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Fit(new float[10], new[] { 0, 1 }, verbose: false));
            AssertMentions(ex, "MeanSquaredError", "float");
        }

        [Fact]
        public void Fit_LabelCountMismatch_NamesBothCounts()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Fit(new float[24], new[] { 0, 1, 2 }, verbose: false));
            AssertMentions(ex, "4 input samples", "3 targets");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void Fit_OutOfRangeValidationLabel_Throws()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
                model.Fit(new float[12], new[] { 0, 1 }, validation: (new float[6], new[] { 5 }), verbose: false));
            AssertMentions(ex, "label 5", "0 to 2");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void Fit_ValidationInputsNotAMultipleOfSampleSize_ThrowsBeforeTraining()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() =>
                model.Fit(new float[12], new[] { 0, 1 }, validation: (new float[7], new[] { 1 }), verbose: false));
            AssertMentions(ex, "7", "6");
            Assert.Equal(0, model.Iterations);
        }

        [Fact]
        public void Evaluate_WrongTargetKind_Throws()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.Evaluate(new float[12], new float[6]));
            AssertMentions(ex, "SparseCategoricalCrossEntropy", "int");
        }

        [Fact]
        public void TrainBatch_EmptyBatch_Throws()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.TrainBatch(Array.Empty<float>(), Array.Empty<int>()));
            AssertMentions(ex, "at least one sample");
        }

        [Fact]
        public void ReadParameter_UnknownName_ListsTheTensors()
        {
            using var model = new ClassifierNet(seed: 1);
            var ex = Assert.Throws<ArgumentException>(() => model.ReadParameter("dense.weight"));
            AssertMentions(ex, "dense.weight", "dense.kernel [6, 5]", "dense_2.bias [3]");
        }

        [Fact]
        public void Predict_AfterDispose_ThrowsObjectDisposed()
        {
            var model = new ClassifierNet(seed: 1);
            model.Dispose();
            Assert.Throws<ObjectDisposedException>(() => model.Predict(new float[6], new float[3]));
            Assert.Throws<ObjectDisposedException>(() => model.ReadParameter("dense.kernel"));
        }
    }
}
