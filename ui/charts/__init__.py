"""One chart module per topic, on a small plotting kit (kit.py)."""
