"""gehoord: customer-experience platform for Dutch public-service organisations."""

__version__ = "0.1.0"
