"""Writing: output files other than HTML pages (feeds)."""
