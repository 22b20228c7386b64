# Shim for tools that still look for setup.py; the package is defined in pyproject.toml.
from setuptools import setup

setup()
