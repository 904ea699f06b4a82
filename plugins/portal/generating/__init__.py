"""Generating: what each generated page holds, computed from the index.

Plain data (``ListingPage``, ``HomePage``) that templates only display.
"""
