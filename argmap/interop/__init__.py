"""argmap.interop package."""
