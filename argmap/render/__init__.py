"""argmap.render package."""
