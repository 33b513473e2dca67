"""apiforge: OpenAPI and Swagger descriptions -> typed Python clients, models and tests."""

__version__ = "0.1.0"
