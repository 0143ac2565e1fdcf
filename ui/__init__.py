"""UI-side helpers for the pages: string catalogs, shared page setup, message rendering."""
