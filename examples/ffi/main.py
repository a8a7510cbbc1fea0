"""Uses the softsign C extension: checks it against the formula, checks its gradient with
gradcheck, and trains a small network that uses it as its activation.

    python build.py && python main.py
"""
import ptorch
import ptorch.nn as nn
import ptorch.optim as optim
from ptorch.autograd import Variable, gradcheck

from softsign import Softsign, softsign

ptorch.manual_seed(0)

# 1. Forward against the formula, on a non-contiguous input.
x = ptorch.randn(4, 6).t()
y = softsign(Variable(x)).data
expected = x / (x.abs() + 1)
print("max |C - formula| =", (y - expected).abs().max())

# 2. The C backward against finite differences (in double precision).
inp = Variable(ptorch.randn(3, 5).double(), requires_grad=True)
print("gradcheck:", gradcheck(softsign, (inp,), eps=1e-6, atol=1e-4))

# 3. Training: fit y = sin(x) with a network using the C activation.
net = nn.Sequential(nn.Linear(1, 32), Softsign(), nn.Linear(32, 1))
opt = optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
xs = ptorch.linspace(-3, 3, 128).view(-1, 1)
inputs, targets = Variable(xs), Variable(xs.sin())
for step in range(301):
    opt.zero_grad()
    loss = ((net(inputs) - targets) ** 2).mean()
    loss.backward()
    opt.step()
    if step % 100 == 0:
        print(f"step {step:3d}  loss {loss.data[0]:.4f}")

# 4. A type the C code does not handle is a clear error.
try:
    softsign(Variable(ptorch.LongTensor([1, 2])))
except TypeError as err:
    print("LongTensor:", err)
