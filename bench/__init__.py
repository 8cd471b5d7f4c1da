"""Benchmarks (see bench/README.md).

A benchmark's child process runs as a deployment would: the packages that only the test
requirements bring in are hidden from it. This matters because pandera imports
hypothesis on its first validation whenever hypothesis is installed, which a server
built from requirements.txt never pays for.
"""

import os
import sys

AS_DEPLOYED = "BENCH_CHILD_AS_DEPLOYED"
TEST_ONLY_PACKAGES = ("hypothesis",)

if os.environ.get(AS_DEPLOYED) == "1":
    for _name in TEST_ONLY_PACKAGES:
        sys.modules.setdefault(_name, None)  # `import hypothesis` now raises ImportError
