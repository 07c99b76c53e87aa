"""How far ahead "soon" looks, in days: one place for the badges and the filters."""

WARRANTY_WINDOW_DAYS = 90
REPLACEMENT_WINDOW_DAYS = 180
CANCEL_BY_WINDOW_DAYS = 30
CONTRACT_END_WINDOW_DAYS = 180
