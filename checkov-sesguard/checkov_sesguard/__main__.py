"""checkov with the SES checks registered: ``python -m checkov_sesguard [checkov args]``.

Needed for ``-l``: checkov 3.3.x lists only built-in checks and ignores
``--external-checks-dir`` when listing. Scans behave exactly as plain checkov.
"""

import os
import sys
import warnings

from checkov.main import Checkov
from checkov.terraform.checks.resource.registry import resource_registry

from checkov_sesguard import CHECKS_DIR


def main() -> int:
    # checkov itself prints nothing of the guideline download it cannot do offline.
    os.environ.setdefault("BC_SKIP_MAPPING", "TRUE")
    resource_registry.load_external_checks(CHECKS_DIR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=SyntaxWarning)
        return Checkov().run() or 0


if __name__ == "__main__":
    sys.exit(main())
