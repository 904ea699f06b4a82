"""What the browser receives: article HTML made safe, and the page's Content-Security-Policy.

Plain Python, no MkDocs: the content plugin calls these on its page events.
"""
