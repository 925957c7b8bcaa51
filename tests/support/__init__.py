"""Reusable test parts: a recording HTTP endpoint, a recording SMTP server, and pytest fixtures for both.

Load the fixtures with `pytest_plugins = ["tests.support.fixtures"]` (root conftest.py or a test module).
"""
