"""Verdict reports: one plain-data model (`model`), one module per output format.

Import the submodules directly; this package imports nothing so that
`services.export` can use the JSON builder without import cycles.
"""
