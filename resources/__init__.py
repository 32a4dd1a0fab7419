"""The app's bundled files, installed as the package ``app.assets`` (see setup.py): the font
(``fonts/``) and the compiled translations (``i18n/*.qm``). Found with ``app.resources``."""
