"""Reading: one source file in, validated article data (or problems) out.

Nothing here knows about MkDocs, so the same rules serve the build, a
stand-alone checker and any future engine.
"""
