// Plain C++ fixed-size MLPs: the "bare metal" reference of benchmarks/compare.
//
// Compile-time shapes, no library, no intrinsics, no threads: what g++ -O3 -march=native makes of straightforward
// loops. Each dense layer keeps its weights as W[in][out], so the inner loop (over outputs) is a plain
// broadcast-multiply-add that the compiler vectorises without -ffast-math; tanh, exp are std:: (libm).
//
//   g++ -O3 -march=native -std=c++17 -o mlp_fixed benchmarks/peers/mlp_fixed.cpp && ./mlp_fixed [--quick]
//
// Prints one JSON object: median ns per call (per sample for tiny_16) after at least 1 s of warm-up.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <vector>

template <int In, int Out>
struct Dense {
    alignas(64) float w[In][Out];
    alignas(64) float b[Out];

    void init(std::mt19937& rng, float scale) {
        std::normal_distribution<float> nd(0.0f, scale);
        for (int i = 0; i < In; i++)
            for (int j = 0; j < Out; j++) w[i][j] = nd(rng);
        for (int j = 0; j < Out; j++) b[j] = 0.0f;
    }

    // y = x W + b
    inline void apply(const float* __restrict x, float* __restrict y) const {
        alignas(64) float acc[Out];
        for (int j = 0; j < Out; j++) acc[j] = b[j];
        for (int i = 0; i < In; i++) {
            const float xi = x[i];
            for (int j = 0; j < Out; j++) acc[j] += xi * w[i][j];
        }
        for (int j = 0; j < Out; j++) y[j] = acc[j];
    }
};

struct Mlp784 {
    Dense<784, 300> l1;
    Dense<300, 100> l2;
    Dense<100, 10> l3;

    __attribute__((noinline)) void predict(const float* x, float* p) const {
        alignas(64) float h1[300], h2[100], z[10];
        l1.apply(x, h1);
        for (float& v : h1) v = std::max(v, 0.0f);
        l2.apply(h1, h2);
        for (float& v : h2) v = std::max(v, 0.0f);
        l3.apply(h2, z);
        float m = z[0];
        for (int j = 1; j < 10; j++) m = std::max(m, z[j]);
        float s = 0.0f;
        for (int j = 0; j < 10; j++) { z[j] = std::exp(z[j] - m); s += z[j]; }
        const float inv = 1.0f / s;
        for (int j = 0; j < 10; j++) p[j] = z[j] * inv;
    }
};

struct Tiny8 {
    Dense<8, 16> l1;
    Dense<16, 16> l2;
    Dense<16, 1> l3;

    __attribute__((noinline)) void predict(const float* x, float* y) const {
        alignas(64) float h1[16], h2[16];
        l1.apply(x, h1);
        for (float& v : h1) v = std::tanh(v);
        l2.apply(h1, h2);
        for (float& v : h2) v = std::tanh(v);
        l3.apply(h2, y);
    }
};

static double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Median seconds per call of f() (which performs `per` operations), after warmup_s of warm-up.
template <class Fn>
static double bench(Fn f, int per, double warmup_s, double measure_s) {
    double t0 = now();
    long n = 0;
    while (now() - t0 < warmup_s) { f(); n++; }
    const double one = (now() - t0) / n;
    const long inner = std::max(1L, (long)(0.01 / one));
    std::vector<double> ts;
    const double end = now() + measure_s;
    while (now() < end || ts.size() < 15) {
        const double t = now();
        for (long i = 0; i < inner; i++) f();
        ts.push_back((now() - t) / inner / per);
    }
    std::sort(ts.begin(), ts.end());
    return ts[ts.size() / 2];
}

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const double warm = quick ? 0.1 : 1.0, meas = quick ? 0.2 : 2.0;
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> ud(0.0f, 1.0f);

    static Mlp784 mlp;
    mlp.l1.init(rng, std::sqrt(2.0f / 784));
    mlp.l2.init(rng, std::sqrt(2.0f / 300));
    mlp.l3.init(rng, std::sqrt(2.0f / 110));
    static Tiny8 tiny;
    tiny.l1.init(rng, std::sqrt(2.0f / 24));
    tiny.l2.init(rng, std::sqrt(2.0f / 32));
    tiny.l3.init(rng, std::sqrt(2.0f / 17));

    alignas(64) static float image[784], probs[10];
    for (float& v : image) v = ud(rng);
    alignas(64) static float tin[8], tout[1], t16[16][8], t16out[16];
    for (float& v : tin) v = ud(rng);
    for (auto& s : t16) for (float& v : s) v = ud(rng);

    const double mlp_one = bench([&] {
        mlp.predict(image, probs);
        asm volatile("" ::: "memory");  // the call is not hoisted or merged
    }, 1, warm, meas);

    const double tiny_dep = bench([&] {  // each call depends on the previous output, as in ModelGen's benchmark
        for (int i = 0; i < 64; i++) {
            tiny.predict(tin, tout);
            tin[0] = tout[0] * 1e-3f;
        }
        asm volatile("" ::: "memory");
    }, 64, warm, meas);

    const double tiny_16 = bench([&] {  // 16 independent samples, one call each
        for (int s = 0; s < 16; s++) tiny.predict(t16[s], &t16out[s]);
        asm volatile("" ::: "memory");
    }, 16, warm, meas);

    std::printf("{\"mlp784_one\": %.1f, \"tiny_dep\": %.2f, \"tiny_16\": %.2f, \"check\": %g}\n",
                mlp_one * 1e9, tiny_dep * 1e9, tiny_16 * 1e9, probs[0] + tout[0] + t16out[3]);
    return 0;
}
