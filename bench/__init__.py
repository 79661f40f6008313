"""Build benchmark for the SRM plugin: `make bench` or `python -m bench.run`."""
