"""argmap.evaluate package."""
