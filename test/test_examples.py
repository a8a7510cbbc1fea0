"""The examples run end to end: the ffi extension example (build, gradcheck, training) and
the tour."""
import os
import shutil
import subprocess
import sys

import ptorch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_script(path, cwd, timeout=300):
    # the child imports the same ptorch as this process (installed, or an in-place build)
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.dirname(ptorch.__file__)))
    return subprocess.run([sys.executable, path], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_ffi_example_builds_and_trains(tmp_path):
    work = tmp_path / "ffi"
    shutil.copytree(os.path.join(ROOT, "examples", "ffi"), work,
                    ignore=shutil.ignore_patterns("_ext"))
    built = run_script("build.py", work)
    assert built.returncode == 0, built.stderr
    ran = run_script("main.py", work)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "gradcheck: True" in ran.stdout
    losses = [float(line.split()[-1]) for line in ran.stdout.splitlines()
              if line.startswith("step")]
    assert losses[-1] < losses[0] / 10


def test_tour_runs():
    ran = run_script(os.path.join(ROOT, "examples", "tour.py"), ROOT)
    assert ran.returncode == 0, ran.stderr
    assert "tour finished" in ran.stdout
