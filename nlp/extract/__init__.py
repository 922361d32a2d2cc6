"""Extractors: Doc -> mentions (offsets into Doc.text_simplified)."""
