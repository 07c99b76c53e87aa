"""The pure core of itroad: models, money and dates. Never imports Textual."""
