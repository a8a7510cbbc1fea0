/* softsign(x) = x / (1 + |x|), forward and backward, for Float and Double tensors.
 * Read by cffi: plain declarations only (no macros). Output first, then inputs; each
 * returns 0, or -1 with TH's error record set (ptorch raises it as an exception). */
int softsign_forward_float(THFloatTensor *output, THFloatTensor *input);
int softsign_backward_float(THFloatTensor *grad_input, THFloatTensor *input,
                            THFloatTensor *grad_output);
int softsign_forward_double(THDoubleTensor *output, THDoubleTensor *input);
int softsign_backward_double(THDoubleTensor *grad_input, THDoubleTensor *input,
                             THDoubleTensor *grad_output);
