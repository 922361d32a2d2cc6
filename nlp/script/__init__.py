"""Script layer: Article -> Doc (language, script, simplified text with an alignment back)."""
