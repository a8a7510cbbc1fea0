/* The package-style test extension. */
int pkg_add_scalar(THFloatTensor *t, float value);
