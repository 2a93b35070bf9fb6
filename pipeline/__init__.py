"""The order of stages: CLI, configuration, runs and executors."""

__version__ = "0.1.0"
