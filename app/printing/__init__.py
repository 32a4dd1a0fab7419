"""Domain data to PDF: sign-in sheets, ledger reports, minutes, appeal forms and the yearly book.

Every document is built with reportlab platypus on the shared page templates of
:mod:`app.printing.base`, embeds a subset of the bundled TrueType font and is written
atomically.  Nothing here imports Qt.
"""
