"""Staff screens of the measurement framework, one module per screen group.

Routes are in urls.py. Every route with an id names its model and takes only `pk`, so
gehoord/tests/test_isolation.py can prove that another organisation's records stay out
of reach.
"""
