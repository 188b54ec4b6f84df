"""The JSON API under /api/v1/ (docs/reference/api.md): an interface like the pages, calling
the same selectors and services with the same access rules (accounts.permissions)."""
