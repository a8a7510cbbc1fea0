#ifndef TH_GENERIC_FILE
#define TH_GENERIC_FILE "THNN/generic/THNN.h"
#else
/* Declarations of the THNN kernels for one real type. Names: THNN_<Real><Layer>_<verb>.
 * Scalars are accreal (double for both types). Optional tensors (bias, weights) may be NULL.
 * Spatial kernels take 4D input (batch, channels, height, width). */

/* ---- internal building blocks (shared by the kernel files, not exported) ---- */
/* Row-major C[m x n] = alpha * op(A) * op(B) + beta * C through BLAS; ta/tb: 't' transposes. */
void THNN_(gemm)(char ta, char tb, long m, long n, long k, real alpha, const real *a, long lda,
                 const real *b, long ldb, real beta, real *c, long ldc);
/* One image [C x H x W] to columns [C*kH*kW x oH*oW] and back (col2im accumulates into a
 * zeroed image); ld is the distance between consecutive column rows (oH*oW when packed). */
void THNN_(im2col)(const real *im, long C, long H, long W, long kH, long kW, long padH,
                   long padW, long sH, long sW, long dilH, long dilW, long oH, long oW,
                   real *col, long ld);
void THNN_(col2im)(const real *col, long C, long H, long W, long kH, long kW, long padH,
                   long padW, long sH, long sW, long dilH, long dilW, long oH, long oW,
                   real *im, long ld);
/* im2col of every sample of x [N x C x H x W] into columns, resized to
 * [N x C*kH*kW x oH*oW]; parallel over the batch. 0, or -1 if the resize fails. */
int THNN_(im2colBatch)(THTensor *x, THTensor *columns, long N, long C, long H, long W, long oH,
                       long oW, long kH, long kW, long padH, long padW, long sH, long sW,
                       long dilH, long dilW);
/* out[N x C x HW]: = bias per channel (fill) or += bias per channel. */
void THNN_(addBias)(real *out, const real *bias, long N, long C, long HW, int fill);
/* gradBias[c] += scale * sum of go[N x C x HW] over N and HW (parallel over channels). */
void THNN_(accGradBias)(real *gradBias, const real *go, long N, long C, long HW, real scale);
/* 0, or -1 with "<op>: <what> must have size <ref>, got <t>". */
int THNN_(checkSameSize)(const char *op, const THTensor *ref, const char *what,
                         const THTensor *t);
/* 0, or -1 unless t has ndim dimensions; desc names them ("batch, channels, ..."). */
int THNN_(checkDim)(const char *op, const THTensor *t, int ndim, const char *desc);

/* ---- pointwise activations ---- */
TH_API int THNN_(Threshold_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                         accreal threshold, accreal val, int inplace);
TH_API int THNN_(Threshold_updateGradInput)(THNNState *state, THTensor *input,
                                            THTensor *gradOutput, THTensor *gradInput,
                                            accreal threshold, accreal val, int inplace);
TH_API int THNN_(ELU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                   accreal alpha, int inplace);
/* From the output: d/dx = output + alpha where output <= 0. */
TH_API int THNN_(ELU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, THTensor *output, accreal alpha,
                                      int inplace);
TH_API int THNN_(LeakyReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                         accreal negval, int inplace);
TH_API int THNN_(LeakyReLU_updateGradInput)(THNNState *state, THTensor *input,
                                            THTensor *gradOutput, THTensor *gradInput,
                                            accreal negval, int inplace);
TH_API int THNN_(HardTanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                        accreal min_val, accreal max_val, int inplace);
TH_API int THNN_(HardTanh_updateGradInput)(THNNState *state, THTensor *input,
                                           THTensor *gradOutput, THTensor *gradInput,
                                           accreal min_val, accreal max_val, int inplace);
TH_API int THNN_(Softplus_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                        accreal beta, accreal threshold);
TH_API int THNN_(Softplus_updateGradInput)(THNNState *state, THTensor *input,
                                           THTensor *gradOutput, THTensor *gradInput,
                                           accreal beta, accreal threshold);
TH_API int THNN_(SoftShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                          accreal lambd);
TH_API int THNN_(SoftShrink_updateGradInput)(THNNState *state, THTensor *input,
                                             THTensor *gradOutput, THTensor *gradInput,
                                             accreal lambd);
TH_API int THNN_(HardShrink_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                          accreal lambd);
TH_API int THNN_(HardShrink_updateGradInput)(THNNState *state, THTensor *input,
                                             THTensor *gradOutput, THTensor *gradInput,
                                             accreal lambd);
TH_API int THNN_(LogSigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output);
TH_API int THNN_(LogSigmoid_updateGradInput)(THNNState *state, THTensor *input,
                                             THTensor *gradOutput, THTensor *gradInput);
TH_API int THNN_(Sigmoid_updateOutput)(THNNState *state, THTensor *input, THTensor *output);
TH_API int THNN_(Sigmoid_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                          THTensor *gradInput, THTensor *output);
TH_API int THNN_(Tanh_updateOutput)(THNNState *state, THTensor *input, THTensor *output);
TH_API int THNN_(Tanh_updateGradInput)(THNNState *state, THTensor *gradOutput,
                                       THTensor *gradInput, THTensor *output);

/* ---- activations with parameters, noise or structure ---- */
/* weight: one value shared by all channels, or one per channel (dim 1 of input). */
TH_API int THNN_(PReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                     THTensor *weight);
TH_API int THNN_(PReLU_updateGradInput)(THNNState *state, THTensor *input,
                                        THTensor *gradOutput, THTensor *gradInput,
                                        THTensor *weight);
TH_API int THNN_(PReLU_accGradParameters)(THNNState *state, THTensor *input,
                                          THTensor *gradOutput, THTensor *weight,
                                          THTensor *gradWeight, accreal scale);
/* train: negative inputs are scaled by a uniform draw from [lower, upper) kept in noise;
 * eval: by (lower + upper) / 2. */
TH_API int THNN_(RReLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                     THTensor *noise, accreal lower, accreal upper, int train,
                                     int inplace, THGenerator *generator);
TH_API int THNN_(RReLU_updateGradInput)(THNNState *state, THTensor *input,
                                        THTensor *gradOutput, THTensor *gradInput,
                                        THTensor *noise, accreal lower, accreal upper,
                                        int train, int inplace);
/* Splits dim (0-based) in halves a, b: output = a * sigmoid(b). */
TH_API int THNN_(GLU_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                   int dim);
TH_API int THNN_(GLU_updateGradInput)(THNNState *state, THTensor *input, THTensor *gradOutput,
                                      THTensor *gradInput, int dim);
/* Over dimension dim (0-based) of input of any rank. */
TH_API int THNN_(SoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                       int dim);
TH_API int THNN_(SoftMax_updateGradInput)(THNNState *state, THTensor *input,
                                          THTensor *gradOutput, THTensor *gradInput,
                                          THTensor *output, int dim);
TH_API int THNN_(LogSoftMax_updateOutput)(THNNState *state, THTensor *input, THTensor *output,
                                          int dim);
TH_API int THNN_(LogSoftMax_updateGradInput)(THNNState *state, THTensor *input,
                                             THTensor *gradOutput, THTensor *gradInput,
                                             THTensor *output, int dim);

/* ---- convolution (im2col + GEMM); columns is a caller-owned buffer ---- */
/* weight [nOut x nIn x kH x kW] (or [nOut x nIn*kH*kW]); bias [nOut] or NULL. columns is
 * resized to [T x K*oH*oW] (T threads when the batch runs one sample per thread, else 1;
 * accGradParameters adds each thread's partial gradWeight to its row). */
TH_API int THNN_(SpatialConvolutionMM_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THTensor *weight, THTensor *bias,
    THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH, int dilationW,
    int dilationH);
TH_API int THNN_(SpatialConvolutionMM_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
    THTensor *weight, THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH,
    int dilationW, int dilationH);
TH_API int THNN_(SpatialConvolutionMM_accGradParameters)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradWeight,
    THTensor *gradBias, THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH,
    int dilationW, int dilationH, accreal scale);
/* Transposed convolution: weight [nIn x nOut x kH x kW]; adj adds rows/columns at the end. */
TH_API int THNN_(SpatialFullConvolution_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THTensor *weight, THTensor *bias,
    THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH, int dilationW,
    int dilationH, int adjW, int adjH);
TH_API int THNN_(SpatialFullConvolution_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
    THTensor *weight, THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH,
    int dilationW, int dilationH, int adjW, int adjH);
TH_API int THNN_(SpatialFullConvolution_accGradParameters)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradWeight,
    THTensor *gradBias, THTensor *columns, int kW, int kH, int dW, int dH, int padW, int padH,
    int dilationW, int dilationH, int adjW, int adjH, accreal scale);

/* ---- temporal convolution over frames: input [N x T x F] or [T x F] ---- */
/* weight [outputFrameSize x kW*inputFrameSize]; output [N x T' x outputFrameSize]. */
TH_API int THNN_(TemporalConvolution_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *output, THTensor *weight,
                                                   THTensor *bias, int kW, int dW,
                                                   int inputFrameSize, int outputFrameSize);
TH_API int THNN_(TemporalConvolution_updateGradInput)(THNNState *state, THTensor *input,
                                                      THTensor *gradOutput,
                                                      THTensor *gradInput, THTensor *weight,
                                                      int kW, int dW);
TH_API int THNN_(TemporalConvolution_accGradParameters)(THNNState *state, THTensor *input,
                                                        THTensor *gradOutput,
                                                        THTensor *gradWeight,
                                                        THTensor *gradBias, int kW, int dW,
                                                        accreal scale);

/* ---- pooling; indices hold the flat position in the input plane (h * W + w) ---- */
TH_API int THNN_(SpatialMaxPooling_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THIndexTensor *indices, int kW, int kH,
    int dW, int dH, int padW, int padH, int dilationW, int dilationH, int ceil_mode);
TH_API int THNN_(SpatialMaxPooling_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
    THIndexTensor *indices);
/* Fractional max pooling (Graham, 2014): window starts follow a pseudo-random sequence per
 * plane, driven by randomSamples [N x C x 2] in [0, 1) (sample 0: width, 1: height). */
TH_API int THNN_(SpatialFractionalMaxPooling_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, int outputW, int outputH,
    int poolSizeW, int poolSizeH, THIndexTensor *indices, THTensor *randomSamples);
TH_API int THNN_(SpatialFractionalMaxPooling_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput, int outputW,
    int outputH, int poolSizeW, int poolSizeH, THIndexTensor *indices);
TH_API int THNN_(SpatialMaxUnpooling_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *output, THIndexTensor *indices,
                                                   int owidth, int oheight);
TH_API int THNN_(SpatialMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input,
                                                      THTensor *gradOutput,
                                                      THTensor *gradInput,
                                                      THIndexTensor *indices, int owidth,
                                                      int oheight);
TH_API int THNN_(SpatialAveragePooling_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, int kW, int kH, int dW, int dH,
    int padW, int padH, int ceil_mode, int count_include_pad);
TH_API int THNN_(SpatialAveragePooling_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput, int kW,
    int kH, int dW, int dH, int padW, int padH, int ceil_mode, int count_include_pad);
TH_API int THNN_(SpatialAdaptiveMaxPooling_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output,
                                                         THIndexTensor *indices, int owidth,
                                                         int oheight);
TH_API int THNN_(SpatialAdaptiveMaxPooling_updateGradInput)(THNNState *state,
                                                            THTensor *input,
                                                            THTensor *gradOutput,
                                                            THTensor *gradInput,
                                                            THIndexTensor *indices);
TH_API int THNN_(SpatialAdaptiveAveragePooling_updateOutput)(THNNState *state,
                                                             THTensor *input,
                                                             THTensor *output, int owidth,
                                                             int oheight);
TH_API int THNN_(SpatialAdaptiveAveragePooling_updateGradInput)(THNNState *state,
                                                                THTensor *input,
                                                                THTensor *gradOutput,
                                                                THTensor *gradInput);

/* ---- volumetric (5D: batch, channels, time, height, width) convolution and pooling ---- */
/* vol2col + GEMM: weight [nOut x nIn x kT x kH x kW] (or [nOut x nIn*kT*kH*kW]); bias [nOut]
 * or NULL; columns is a caller-owned buffer. */
TH_API int THNN_(VolumetricConvolutionMM_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THTensor *weight, THTensor *bias,
    THTensor *columns, int kT, int kW, int kH, int dT, int dW, int dH, int padT, int padW,
    int padH, int dilationT, int dilationW, int dilationH);
TH_API int THNN_(VolumetricConvolutionMM_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
    THTensor *weight, THTensor *columns, int kT, int kW, int kH, int dT, int dW, int dH,
    int padT, int padW, int padH, int dilationT, int dilationW, int dilationH);
TH_API int THNN_(VolumetricConvolutionMM_accGradParameters)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradWeight,
    THTensor *gradBias, THTensor *columns, int kT, int kW, int kH, int dT, int dW, int dH,
    int padT, int padW, int padH, int dilationT, int dilationW, int dilationH, accreal scale);
/* Indices hold the flat position in the input volume ((t * H + h) * W + w). */
TH_API int THNN_(VolumetricMaxPooling_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THIndexTensor *indices, int kT,
    int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH, int dilationT,
    int dilationW, int dilationH, int ceil_mode);
TH_API int THNN_(VolumetricMaxPooling_updateGradInput)(THNNState *state, THTensor *input,
                                                       THTensor *gradOutput,
                                                       THTensor *gradInput,
                                                       THIndexTensor *indices);
TH_API int THNN_(VolumetricMaxUnpooling_updateOutput)(THNNState *state, THTensor *input,
                                                      THTensor *output,
                                                      THIndexTensor *indices, int oT, int oW,
                                                      int oH);
TH_API int THNN_(VolumetricMaxUnpooling_updateGradInput)(THNNState *state, THTensor *input,
                                                         THTensor *gradOutput,
                                                         THTensor *gradInput,
                                                         THIndexTensor *indices, int oT,
                                                         int oW, int oH);
TH_API int THNN_(VolumetricAveragePooling_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, int kT, int kW, int kH, int dT, int dW,
    int dH, int padT, int padW, int padH, int ceil_mode, int count_include_pad);
TH_API int THNN_(VolumetricAveragePooling_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput, int kT,
    int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH, int ceil_mode,
    int count_include_pad);

/* ---- upsampling of 4D input to any output size ---- */
/* Nearest: output (h, w) reads input (h * iH / oH, w * iW / oW). */
TH_API int THNN_(SpatialUpSamplingNearest_updateOutput)(THNNState *state, THTensor *input,
                                                        THTensor *output, int outputHeight,
                                                        int outputWidth);
TH_API int THNN_(SpatialUpSamplingNearest_updateGradInput)(
    THNNState *state, THTensor *gradOutput, THTensor *gradInput, int nbatch, int nchannels,
    int inputHeight, int inputWidth, int outputHeight, int outputWidth);
/* Bilinear with corners aligned: output o reads input position o * (in - 1) / (out - 1). */
TH_API int THNN_(SpatialUpSamplingBilinear_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output, int outputHeight,
                                                         int outputWidth);
TH_API int THNN_(SpatialUpSamplingBilinear_updateGradInput)(
    THNNState *state, THTensor *gradOutput, THTensor *gradInput, int nbatch, int nchannels,
    int inputHeight, int inputWidth, int outputHeight, int outputWidth);

/* ---- padding of 4D (spatial) or 5D (volumetric) input; paddings are not negative ---- */
/* Reflection mirrors around the edge element (each padding smaller than its dimension). */
TH_API int THNN_(SpatialReflectionPadding_updateOutput)(THNNState *state, THTensor *input,
                                                        THTensor *output, int pad_l,
                                                        int pad_r, int pad_t, int pad_b);
TH_API int THNN_(SpatialReflectionPadding_updateGradInput)(THNNState *state, THTensor *input,
                                                           THTensor *gradOutput,
                                                           THTensor *gradInput, int pad_l,
                                                           int pad_r, int pad_t, int pad_b);
/* Replication repeats the edge element. */
TH_API int THNN_(SpatialReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                         THTensor *output, int pad_l,
                                                         int pad_r, int pad_t, int pad_b);
TH_API int THNN_(SpatialReplicationPadding_updateGradInput)(THNNState *state,
                                                            THTensor *input,
                                                            THTensor *gradOutput,
                                                            THTensor *gradInput, int pad_l,
                                                            int pad_r, int pad_t, int pad_b);
TH_API int THNN_(VolumetricReplicationPadding_updateOutput)(THNNState *state, THTensor *input,
                                                            THTensor *output, int pleft,
                                                            int pright, int ptop, int pbottom,
                                                            int pfront, int pback);
TH_API int THNN_(VolumetricReplicationPadding_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput, int pleft,
    int pright, int ptop, int pbottom, int pfront, int pback);

/* ---- spatial transformer sampling ---- */
/* output [N x C x H x W] samples input [N x C x IH x IW] bilinearly at grid [N x H x W x 2]
 * ((x, y) in [-1, 1], corners aligned; points outside read zeros). */
TH_API int THNN_(SpatialGridSamplerBilinear_updateOutput)(THNNState *state, THTensor *input,
                                                          THTensor *grid, THTensor *output);
TH_API int THNN_(SpatialGridSamplerBilinear_updateGradInput)(
    THNNState *state, THTensor *input, THTensor *gradInput, THTensor *grid, THTensor *gradGrid,
    THTensor *gradOutput);

/* ---- batch normalization over dim 1 of (N x C x ...) input ---- */
/* train: batch statistics (save_mean, save_std = 1/sqrt(var + eps) are written) and
 * running_mean/var updated with momentum (unbiased variance); eval: running statistics. */
TH_API int THNN_(BatchNormalization_updateOutput)(
    THNNState *state, THTensor *input, THTensor *output, THTensor *weight, THTensor *bias,
    THTensor *running_mean, THTensor *running_var, THTensor *save_mean, THTensor *save_std,
    int train, double momentum, double eps);
/* Any of gradInput, gradWeight, gradBias may be NULL; gradWeight/gradBias accumulate. */
TH_API int THNN_(BatchNormalization_backward)(
    THNNState *state, THTensor *input, THTensor *gradOutput, THTensor *gradInput,
    THTensor *gradWeight, THTensor *gradBias, THTensor *weight, THTensor *running_mean,
    THTensor *running_var, THTensor *save_mean, THTensor *save_std, int train, double scale,
    double eps);

/* ---- losses: output is a 1-element tensor; gradInput is of the loss itself ---- */
TH_API int THNN_(MSECriterion_updateOutput)(THNNState *state, THTensor *input,
                                            THTensor *target, THTensor *output,
                                            int sizeAverage);
TH_API int THNN_(MSECriterion_updateGradInput)(THNNState *state, THTensor *input,
                                               THTensor *target, THTensor *gradInput,
                                               int sizeAverage);
TH_API int THNN_(AbsCriterion_updateOutput)(THNNState *state, THTensor *input,
                                            THTensor *target, THTensor *output,
                                            int sizeAverage);
TH_API int THNN_(AbsCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                               THTensor *target, THTensor *gradInput,
                                               int sizeAverage);
TH_API int THNN_(SmoothL1Criterion_updateOutput)(THNNState *state, THTensor *input,
                                                 THTensor *target, THTensor *output,
                                                 int sizeAverage);
TH_API int THNN_(SmoothL1Criterion_updateGradInput)(THNNState *state, THTensor *input,
                                                    THTensor *target, THTensor *gradInput,
                                                    int sizeAverage);
TH_API int THNN_(SoftMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                   THTensor *target, THTensor *output,
                                                   int sizeAverage);
TH_API int THNN_(SoftMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                      THTensor *target, THTensor *gradInput,
                                                      int sizeAverage);
TH_API int THNN_(DistKLDivCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                  THTensor *target, THTensor *output,
                                                  int sizeAverage);
TH_API int THNN_(DistKLDivCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                     THTensor *target, THTensor *gradInput,
                                                     int sizeAverage);
/* weights: as many elements as input, or NULL. */
TH_API int THNN_(BCECriterion_updateOutput)(THNNState *state, THTensor *input,
                                            THTensor *target, THTensor *output,
                                            int sizeAverage, THTensor *weights);
TH_API int THNN_(BCECriterion_updateGradInput)(THNNState *state, THTensor *input,
                                               THTensor *target, THTensor *gradInput,
                                               int sizeAverage, THTensor *weights);
/* input [N x C] or [C]; target [N] (or 1 element) of class indices; weights [C] or NULL;
 * total_weight (1 element) receives the weight sum used by sizeAverage. */
TH_API int THNN_(ClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                 THIndexTensor *target, THTensor *output,
                                                 int sizeAverage, THTensor *weights,
                                                 THTensor *total_weight, long ignore_index);
TH_API int THNN_(ClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                    THIndexTensor *target,
                                                    THTensor *gradInput, int sizeAverage,
                                                    THTensor *weights, THTensor *total_weight,
                                                    long ignore_index);
/* input [N x C x H x W], target [N x H x W]. */
TH_API int THNN_(SpatialClassNLLCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                        THIndexTensor *target,
                                                        THTensor *output, int sizeAverage,
                                                        THTensor *weights,
                                                        THTensor *total_weight,
                                                        long ignore_index);
TH_API int THNN_(SpatialClassNLLCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                           THIndexTensor *target,
                                                           THTensor *gradInput,
                                                           int sizeAverage, THTensor *weights,
                                                           THTensor *total_weight,
                                                           long ignore_index);
/* p is 1 or 2; weights [C] or NULL. */
TH_API int THNN_(MultiMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                    THIndexTensor *target, THTensor *output,
                                                    int sizeAverage, int p, THTensor *weights,
                                                    accreal margin);
TH_API int THNN_(MultiMarginCriterion_updateGradInput)(THNNState *state, THTensor *input,
                                                       THIndexTensor *target,
                                                       THTensor *gradInput, int sizeAverage,
                                                       int p, THTensor *weights,
                                                       accreal margin);
/* target [N x C] (or [C]): class indices, ended by the first -1; isTarget is a buffer. */
TH_API int THNN_(MultiLabelMarginCriterion_updateOutput)(THNNState *state, THTensor *input,
                                                         THIndexTensor *target,
                                                         THTensor *output, THTensor *isTarget,
                                                         int sizeAverage);
TH_API int THNN_(MultiLabelMarginCriterion_updateGradInput)(THNNState *state,
                                                            THTensor *input,
                                                            THIndexTensor *target,
                                                            THTensor *gradInput,
                                                            THTensor *isTarget,
                                                            int sizeAverage);

/* ---- lookup table (embedding) ---- */
/* output [*input.size x dim] = rows of weight [n x dim] picked by input. */
TH_API int THNN_(LookupTable_updateOutput)(THNNState *state, THIndexTensor *input,
                                           THTensor *weight, THTensor *output);
/* gradWeight[input[i]] += scale * gradOutput[i], skipping paddingValue; with
 * scaleGradByFreq each row's contribution is divided by its count in input (count: a
 * buffer). */
TH_API int THNN_(LookupTable_accGradParameters)(THNNState *state, THIndexTensor *input,
                                                THTensor *gradOutput, THTensor *gradWeight,
                                                THTensor *count, int scaleGradByFreq,
                                                long paddingValue, accreal scale);
/* Rescales each row of weight named in idx whose normType-norm exceeds maxNorm. */
TH_API int THNN_(LookupTable_renorm)(THNNState *state, THIndexTensor *idx, THTensor *weight,
                                     accreal maxNorm, accreal normType);

#endif
