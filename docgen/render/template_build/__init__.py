"""Build the shipped Word templates (templates/*/*.docx) from code, reproducibly.

The committed .docx files are the product a consultancy opens in Word; this builder is how we make
them consistently (styles, numbering, sections, TOC field) and a test checks that the committed
files are exactly what it produces, so hand edits to the shipped defaults go through here.
Run: ``python -m docgen.render.template_build`` (rewrites templates/).
"""
