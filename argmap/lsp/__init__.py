"""argmap.lsp package."""
