"""Tools for the benchmarks (README, "Benchmark"): the data set they run on. Never used by the CRM itself."""
