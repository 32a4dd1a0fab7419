"""setuptools glue that pyproject.toml cannot say on its own (metadata and dependencies are there).

- Every folder of ``app`` and ``server`` is a package, the alembic migrations (plain folders
  without ``__init__.py``) included.
- The top-level ``resources/`` folder (fonts, translations) is installed as the package
  ``app.assets`` (``package_dir``), so the app finds it with ``importlib.resources`` in a source
  checkout (editable install), an installed wheel and the PyInstaller bundle alike.
- The Qt Linguist catalogues ``resources/i18n/*.ts`` are compiled to ``.qm`` while the wheel is
  built (``pyside6-lrelease`` from the build requirements), so no wheel can miss or carry a stale
  translation. An editable install reads ``resources/`` in place, where ``dev.sh setup`` compiles.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

ASSETS = "app.assets"


class BuildPyWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        out_dir = Path(self.build_lib, *ASSETS.split("."), "i18n")
        subprocess.run([sys.executable, str(Path("scripts", "i18n.py")), "--quiet", "build",
                        "--out-dir", str(out_dir)], check=True)


setup(
    # Namespace packages too: the alembic folders (migrations/, versions/) have no __init__.py.
    packages=[*find_namespace_packages(include=["app", "app.*", "server", "server.*"],
                                       exclude=["*.__pycache__"]), ASSETS],
    package_dir={ASSETS: "resources"},
    cmdclass={"build_py": BuildPyWithTranslations},
)
