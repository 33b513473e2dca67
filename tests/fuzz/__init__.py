"""A structure-aware mutation fuzzer over real OpenAPI descriptions (see tests/test_fuzz.py)."""
