"""Flattening parameters to one vector and back."""


def parameters_to_vector(parameters):
    """One 1-D Variable holding all parameters, flattened, in order."""
    from ... import cat
    return cat([p.contiguous().view(-1) for p in parameters], 0)


def vector_to_parameters(vec, parameters):
    """Copies consecutive slices of vec into the parameters' data."""
    offset = 0
    for p in parameters:
        n = p.numel()
        p.data.copy_(vec.data[offset:offset + n].view_as(p.data))
        offset += n
    if offset != vec.numel():
        raise ValueError(f"vector_to_parameters: vector has {vec.numel()} elements, the "
                         f"parameters {offset}")
