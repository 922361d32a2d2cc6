"""Cleaning layer: Page -> Article (our own rules for text dumps and for what trafilatura leaves)."""
