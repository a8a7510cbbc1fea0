"""The main job: trains a small convnet on the 8x8 handwritten digits that ship with the
repository (examples/data), through a DataLoader with worker processes, with a progress bar
showing loss and accuracy; reports held-out accuracy, saves a checkpoint with ptorch.save,
reloads it and checks that the reloaded model predicts the same."""
import argparse
import gzip
import os
import sys
import tempfile

import numpy as np
from tqdm import tqdm

import ptorch as torch
import ptorch.nn as nn
import ptorch.nn.functional as F
import ptorch.optim as optim
from ptorch.autograd import Variable
from ptorch.utils.data import DataLoader, TensorDataset

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "digits.csv.gz")


def load_digits():
    with gzip.open(DATA, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)
    images = rows[:, :64].reshape(-1, 1, 8, 8) / 16.0
    labels = rows[:, 64].astype(np.int64)
    return images, labels


def split(images, labels, held_out=0.2, seed=0):
    order = np.random.default_rng(seed).permutation(len(labels))
    n_test = int(len(labels) * held_out)
    test, train = order[:n_test], order[n_test:]
    def as_dataset(idx):
        return TensorDataset(torch.from_numpy(np.ascontiguousarray(images[idx])),
                             torch.from_numpy(np.ascontiguousarray(labels[idx])))
    return as_dataset(train), as_dataset(test)


class DigitNet(nn.Module):
    """conv(1->16, 3x3) - relu - conv(16->32, 3x3) - relu - maxpool 2 - fc 128 - fc 10."""

    def __init__(self):
        super(DigitNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc1 = nn.Linear(32 * 4 * 4, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


def evaluate(model, loader):
    model.eval()
    correct, total = 0, 0
    for images, labels in loader:
        out = model(Variable(images, volatile=True))
        pred = out.data.max(1)[1]
        correct += int(pred.eq(labels).sum())
        total += labels.size(0)
    return correct / total


def predictions(model, loader):
    model.eval()
    return torch.cat([model(Variable(x, volatile=True)).data for x, _ in loader])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    torch.manual_seed(0)
    train_set, test_set = split(*load_digits())
    train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True,
                              num_workers=args.workers)
    test_loader = DataLoader(test_set, batch_size=256, num_workers=args.workers)
    print(f"digits: {len(train_set)} training and {len(test_set)} held-out images, "
          f"{args.workers} loader workers")

    model = DigitNet()
    optimizer = optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    for epoch in range(1, args.epochs + 1):
        model.train()
        seen, correct, loss_sum = 0, 0, 0.0
        bar = tqdm(train_loader, desc=f"epoch {epoch:2d}/{args.epochs}", leave=False,
                   file=sys.stdout)
        for images, labels in bar:
            x, y = Variable(images), Variable(labels)
            optimizer.zero_grad()
            out = model(x)
            loss = F.cross_entropy(out, y)
            loss.backward()
            optimizer.step()
            seen += labels.size(0)
            loss_sum += float(loss.data[0]) * labels.size(0)
            correct += int(out.data.max(1)[1].eq(labels).sum())
            bar.set_postfix(loss=f"{loss_sum / seen:.3f}", acc=f"{correct / seen:.3f}")
        print(f"epoch {epoch:2d}: loss {loss_sum / seen:.4f}, training accuracy "
              f"{correct / seen:.3f}, held-out accuracy {evaluate(model, test_loader):.3f}")

    accuracy = evaluate(model, test_loader)
    print(f"held-out accuracy: {accuracy:.4f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "digits.pt")
        torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)
        restored = DigitNet()
        restored.load_state_dict(torch.load(path)["model"])
        same = predictions(model, test_loader).equal(predictions(restored, test_loader))
    print(f"checkpoint saved, reloaded; predictions match: {same}")
    if accuracy < 0.95 or not same:
        print("FAILED: expected at least 95% held-out accuracy and matching predictions")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
