namespace ModelGen.Tests.OpenCl
{
    /// <summary>The OpenCL C sources the tests build.</summary>
    internal static class OpenClKernels
    {
        public const string Saxpy = """
            __kernel void saxpy(__global float* y, __global const float* x, const float a, const int n)
            {
                int i = get_global_id(0);
                if (i < n) y[i] = a * x[i] + y[i];
            }
            """;

        /// <summary>out[c, r] = in[r, c] through an 8 × 8 local tile (padded against bank conflicts).</summary>
        public const string Transpose = """
            #define TILE 8
            __kernel void transpose(__global float* output, __global const float* input, const int rows, const int cols)
            {
                __local float tile[TILE][TILE + 1];
                int c = get_global_id(0);
                int r = get_global_id(1);
                int lc = get_local_id(0);
                int lr = get_local_id(1);
                if (r < rows && c < cols) tile[lr][lc] = input[r * cols + c];
                barrier(CLK_LOCAL_MEM_FENCE);
                int outCol = get_group_id(1) * TILE + lc;
                int outRow = get_group_id(0) * TILE + lr;
                if (outRow < cols && outCol < rows) output[outRow * rows + outCol] = tile[lc][lr];
            }
            """;

        /// <summary>One-hot rows from int class labels.</summary>
        public const string OneHot = """
            __kernel void one_hot(__global float* output, __global const int* labels, const int classes, const int n)
            {
                int i = get_global_id(0);
                if (i >= n) return;
                for (int k = 0; k < classes; k++) output[i * classes + k] = (k == labels[i]) ? 1.0f : 0.0f;
            }
            """;

        /// <summary>One partial sum per work-group, through a __local scratch argument.</summary>
        public const string GroupSum = """
            __kernel void group_sum(__global float* sums, __global const float* x, __local float* scratch)
            {
                int l = get_local_id(0);
                scratch[l] = x[get_global_id(0)];
                barrier(CLK_LOCAL_MEM_FENCE);
                for (int stride = get_local_size(0) / 2; stride > 0; stride /= 2)
                {
                    if (l < stride) scratch[l] += scratch[l + stride];
                    barrier(CLK_LOCAL_MEM_FENCE);
                }
                if (l == 0) sums[get_group_id(0)] = scratch[0];
            }
            """;
    }
}
