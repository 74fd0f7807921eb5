using ModelGen;

namespace ModelGen.Tests.Models
{
    // The runs of Fixtures/optimizers.json (written by Fixtures/make_optimizers.py): one network, 5 -> 6 tanh -> 3
    // linear with MSE, declared once per optimizer run with the run's Keras arguments (the others left to their
    // defaults, which the generator must fill in). The *Wide twins have a 65-unit hidden layer, too wide for the fused
    // OpenCL training kernel, so the OpenCL tests also run the stand-alone optimizer kernel.

    /// <summary>Run "sgd": sgd (learning_rate=0.1).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgd;

    /// <summary>"sgd" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdWide;

    /// <summary>Run "sgd_momentum": sgd (learning_rate=0.05, momentum=0.9).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentum;

    /// <summary>"sgd_momentum" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentumWide;

    /// <summary>Run "sgd_nesterov": sgd (learning_rate=0.05, momentum=0.8, nesterov=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.8f, Nesterov = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdNesterov;

    /// <summary>"sgd_nesterov" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.8f, Nesterov = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdNesterovWide;

    /// <summary>Run "adam": adam (learning_rate=0.01).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdam;

    /// <summary>"adam" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamWide;

    /// <summary>Run "adam_amsgrad": adam (learning_rate=0.01, beta_2=0.99, amsgrad=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Beta2 = 0.99f, AmsGrad = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamAmsgrad;

    /// <summary>"adam_amsgrad" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, Beta2 = 0.99f, AmsGrad = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamAmsgradWide;

    /// <summary>Run "adamw": adamw (learning_rate=0.01).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamw;

    /// <summary>"adamw" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamwWide;

    /// <summary>Run "adamw_amsgrad": adamw (learning_rate=0.02, beta_1=0.8, weight_decay=0.05, epsilon=1e-06, amsgrad=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.02f, Beta1 = 0.8f, WeightDecay = 0.05f, Epsilon = 1e-06f, AmsGrad = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamwAmsgrad;

    /// <summary>"adamw_amsgrad" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.AdamW, LearningRate = 0.02f, Beta1 = 0.8f, WeightDecay = 0.05f, Epsilon = 1e-06f, AmsGrad = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamwAmsgradWide;

    /// <summary>Run "sgd_momentum_weight_decay": sgd (learning_rate=0.05, momentum=0.9, weight_decay=0.02).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, WeightDecay = 0.02f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentumWeightDecay;

    /// <summary>"sgd_momentum_weight_decay" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, WeightDecay = 0.02f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentumWeightDecayWide;

    /// <summary>Run "nadam_weight_decay": nadam (learning_rate=0.01, weight_decay=0.05).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.01f, WeightDecay = 0.05f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadamWeightDecay;

    /// <summary>"nadam_weight_decay" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.01f, WeightDecay = 0.05f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadamWeightDecayWide;

    /// <summary>Run "adagrad": adagrad (learning_rate=0.1).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adagrad, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdagrad;

    /// <summary>"adagrad" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adagrad, LearningRate = 0.1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdagradWide;

    /// <summary>Run "adagrad_custom": adagrad (learning_rate=0.05, initial_accumulator_value=0.5, epsilon=0.0001).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adagrad, LearningRate = 0.05f, InitialAccumulatorValue = 0.5f, Epsilon = 0.0001f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdagradCustom;

    /// <summary>"adagrad_custom" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adagrad, LearningRate = 0.05f, InitialAccumulatorValue = 0.5f, Epsilon = 0.0001f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdagradCustomWide;

    /// <summary>Run "rmsprop": rmsprop (learning_rate=0.01).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmsprop;

    /// <summary>"rmsprop" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropWide;

    /// <summary>Run "rmsprop_centered": rmsprop (learning_rate=0.01, rho=0.8, centered=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.01f, Rho = 0.8f, Centered = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropCentered;

    /// <summary>"rmsprop_centered" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.01f, Rho = 0.8f, Centered = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropCenteredWide;

    /// <summary>Run "rmsprop_momentum": rmsprop (learning_rate=0.005, momentum=0.9).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.005f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropMomentum;

    /// <summary>"rmsprop_momentum" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.005f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropMomentumWide;

    /// <summary>Run "rmsprop_centered_momentum": rmsprop (learning_rate=0.005, rho=0.95, momentum=0.5, centered=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.005f, Rho = 0.95f, Momentum = 0.5f, Centered = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropCenteredMomentum;

    /// <summary>"rmsprop_centered_momentum" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.RmsProp, LearningRate = 0.005f, Rho = 0.95f, Momentum = 0.5f, Centered = true, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptRmspropCenteredMomentumWide;

    /// <summary>Run "adadelta": adadelta (learning_rate=1.0).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adadelta, LearningRate = 1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdadelta;

    /// <summary>"adadelta" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adadelta, LearningRate = 1f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdadeltaWide;

    /// <summary>Run "adadelta_custom": adadelta (learning_rate=0.5, rho=0.9, epsilon=1e-06).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adadelta, LearningRate = 0.5f, Rho = 0.9f, Epsilon = 1e-06f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdadeltaCustom;

    /// <summary>"adadelta_custom" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adadelta, LearningRate = 0.5f, Rho = 0.9f, Epsilon = 1e-06f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdadeltaCustomWide;

    /// <summary>Run "adamax": adamax (learning_rate=0.01).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adamax, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamax;

    /// <summary>"adamax" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adamax, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamaxWide;

    /// <summary>Run "nadam": nadam (learning_rate=0.01).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadam;

    /// <summary>"nadam" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadamWide;

    /// <summary>Run "nadam_custom": nadam (learning_rate=0.02, beta_1=0.95, beta_2=0.99, epsilon=1e-05).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.02f, Beta1 = 0.95f, Beta2 = 0.99f, Epsilon = 1e-05f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadamCustom;

    /// <summary>"nadam_custom" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Nadam, LearningRate = 0.02f, Beta1 = 0.95f, Beta2 = 0.99f, Epsilon = 1e-05f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptNadamCustomWide;

    /// <summary>Run "sgd_momentum_schedule": sgd (learning_rate=0.05, momentum=0.9, schedule=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentumSchedule;

    /// <summary>"sgd_momentum_schedule" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Sgd, LearningRate = 0.05f, Momentum = 0.9f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptSgdMomentumScheduleWide;

    /// <summary>Run "adam_schedule": adam (learning_rate=0.01, schedule=True).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(6, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamSchedule;

    /// <summary>"adam_schedule" with a 65-unit hidden layer (the per-layer OpenCL kernels and the stand-alone optimizer kernel).</summary>
    [Model(Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, LearningRate = 0.01f, UnrollThreshold = 0)]
    [Input(5)]
    [Dense(65, Activation.Tanh)]
    [Dense(3)]
    public partial class OptAdamScheduleWide;

    /// <summary>Creates the model of each run of Fixtures/optimizers.json by name.</summary>
    public static class OptimizerModels
    {
        /// <summary>Every run, in the fixture's order.</summary>
        public static readonly string[] Runs =
        {
            "sgd",
            "sgd_momentum",
            "sgd_nesterov",
            "adam",
            "adam_amsgrad",
            "adamw",
            "adamw_amsgrad",
            "sgd_momentum_weight_decay",
            "nadam_weight_decay",
            "adagrad",
            "adagrad_custom",
            "rmsprop",
            "rmsprop_centered",
            "rmsprop_momentum",
            "rmsprop_centered_momentum",
            "adadelta",
            "adadelta_custom",
            "adamax",
            "nadam",
            "nadam_custom",
            "sgd_momentum_schedule",
            "adam_schedule",
        };

        /// <summary>The run's model on the fixture's network (or its wide twin).</summary>
        public static CompiledModel Create(string run, bool wide = false, int seed = 1) => (run, wide) switch
        {
            ("sgd", false) => new OptSgd(seed),
            ("sgd", true) => new OptSgdWide(seed),
            ("sgd_momentum", false) => new OptSgdMomentum(seed),
            ("sgd_momentum", true) => new OptSgdMomentumWide(seed),
            ("sgd_nesterov", false) => new OptSgdNesterov(seed),
            ("sgd_nesterov", true) => new OptSgdNesterovWide(seed),
            ("adam", false) => new OptAdam(seed),
            ("adam", true) => new OptAdamWide(seed),
            ("adam_amsgrad", false) => new OptAdamAmsgrad(seed),
            ("adam_amsgrad", true) => new OptAdamAmsgradWide(seed),
            ("adamw", false) => new OptAdamw(seed),
            ("adamw", true) => new OptAdamwWide(seed),
            ("adamw_amsgrad", false) => new OptAdamwAmsgrad(seed),
            ("adamw_amsgrad", true) => new OptAdamwAmsgradWide(seed),
            ("sgd_momentum_weight_decay", false) => new OptSgdMomentumWeightDecay(seed),
            ("sgd_momentum_weight_decay", true) => new OptSgdMomentumWeightDecayWide(seed),
            ("nadam_weight_decay", false) => new OptNadamWeightDecay(seed),
            ("nadam_weight_decay", true) => new OptNadamWeightDecayWide(seed),
            ("adagrad", false) => new OptAdagrad(seed),
            ("adagrad", true) => new OptAdagradWide(seed),
            ("adagrad_custom", false) => new OptAdagradCustom(seed),
            ("adagrad_custom", true) => new OptAdagradCustomWide(seed),
            ("rmsprop", false) => new OptRmsprop(seed),
            ("rmsprop", true) => new OptRmspropWide(seed),
            ("rmsprop_centered", false) => new OptRmspropCentered(seed),
            ("rmsprop_centered", true) => new OptRmspropCenteredWide(seed),
            ("rmsprop_momentum", false) => new OptRmspropMomentum(seed),
            ("rmsprop_momentum", true) => new OptRmspropMomentumWide(seed),
            ("rmsprop_centered_momentum", false) => new OptRmspropCenteredMomentum(seed),
            ("rmsprop_centered_momentum", true) => new OptRmspropCenteredMomentumWide(seed),
            ("adadelta", false) => new OptAdadelta(seed),
            ("adadelta", true) => new OptAdadeltaWide(seed),
            ("adadelta_custom", false) => new OptAdadeltaCustom(seed),
            ("adadelta_custom", true) => new OptAdadeltaCustomWide(seed),
            ("adamax", false) => new OptAdamax(seed),
            ("adamax", true) => new OptAdamaxWide(seed),
            ("nadam", false) => new OptNadam(seed),
            ("nadam", true) => new OptNadamWide(seed),
            ("nadam_custom", false) => new OptNadamCustom(seed),
            ("nadam_custom", true) => new OptNadamCustomWide(seed),
            ("sgd_momentum_schedule", false) => new OptSgdMomentumSchedule(seed),
            ("sgd_momentum_schedule", true) => new OptSgdMomentumScheduleWide(seed),
            ("adam_schedule", false) => new OptAdamSchedule(seed),
            ("adam_schedule", true) => new OptAdamScheduleWide(seed),
            _ => throw new System.ArgumentException(run),
        };
    }
}
