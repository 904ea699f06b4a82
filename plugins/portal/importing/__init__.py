"""``build.py import``: turn articles exported from an old CMS (text or HTML) into portal articles.

- :mod:`encodings`: UTF-8, Windows-1258 (converted), TCVN3 and VNI (refused, with how to convert);
- :mod:`document`: blocks, the shape both inputs are brought to; plain text → blocks;
- :mod:`html_to_markdown`: HTML → blocks (BeautifulSoup + lxml, markdownify) and what the markup says;
- :mod:`furniture`: what on an old page is not the article;
- :mod:`detect`: dates, leads, bylines, sources, captions, keywords in Vietnamese news text;
- :mod:`convert`: the pipeline from blocks to an article, and the date's resolution;
- :mod:`files`: one file end to end (naming, conflicts, check with the article reader, writing);
- :mod:`report`: the import report.

No MkDocs here: ``portal.commands.importer`` loads the project and calls :func:`files.import_one`.
"""
