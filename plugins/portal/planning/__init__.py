"""The site plan: every page and file the portal produces, built once per build.

``urls`` defines every address format in one place; ``plan`` holds the pages
(URL, template, what they show), the shared views the plugins read instead of
each other's state, and each page's fingerprint for the build cache
(``portal.caching``).
"""
