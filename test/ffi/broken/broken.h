/* A header for a source that does not compile (test/test_ffi.py checks the message). */
int broken_fn(THFloatTensor *t);
