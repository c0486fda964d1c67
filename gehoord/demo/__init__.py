"""Deterministic demo data: fictional organisations with a realistic catalogue and users.

The generator is a list of steps (see `steps.py`); each step fills one domain for one
organisation. Later domains add a step to `STEPS`, so `gehoord demo` grows with the product.
"""
