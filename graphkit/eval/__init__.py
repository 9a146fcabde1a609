"""Benchmark scorers (CaRB) that the benchmark scripts and their tests share."""
