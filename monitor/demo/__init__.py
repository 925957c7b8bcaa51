"""`tallywatch demo`: a replayed, evolving report watched end to end by the real daemon, with no network.

`scenario` holds the report content (an article updated in place and a series of update pages), `server` the
embedded HTTP server that replays it on 127.0.0.1, and `run` drives the daemon through the revisions.
"""
