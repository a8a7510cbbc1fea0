"""A tour of ptorch's tensors: types, views, indexing and NumPy interop. Prints each step."""
import numpy as np

import ptorch as torch


def step(title, value):
    print(f"--- {title}")
    print(value)


def main():
    x = torch.FloatTensor([[1, 2, 3], [4, 5, 6]])
    step("a FloatTensor from a nested list", x)
    step("its size and strides", (x.size(), x.stride()))
    step("the transpose is a view of the same memory", x.t())
    step("one element is a Python number", x[1, 2])
    step("slices are views", x[:, 1:])
    a = x.numpy()
    a[0, 0] = 100
    step("writing through .numpy() changes the tensor", x[0, 0])
    y = torch.from_numpy(np.arange(12.0)).view(3, 4)
    step("from_numpy shares the array's memory", y)
    step("a ByteTensor mask selects elements", y[y.byte()])
    step("LongTensor indices pick rows", y[torch.LongTensor([2, 0])])
    z = torch.DoubleTensor(2, 2).fill_(0.5).expand(3, 2, 2)
    step("expand adds dimensions without copying", (z.size(), z.stride()))
    step("conversion between types copies", y.long().type())
    torch.manual_seed(7)
    step("seeded generator", torch.default_generator.uniform())
    assert x[0, 0] == 100 and y[2, 3] == 11.0
    print("tour finished")


if __name__ == "__main__":
    main()
