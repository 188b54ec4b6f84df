"""The demo: a generated, clearly labelled programme of projects and reports, and one account
per role, so that a fresh install can be tried at once (``tuijin bootstrap``, ``tuijin demo``)."""
