"""Run walkthrough.json through the AWS CLI v1 (its own interpreter: .venv-awscli).

One process runs every step through the CLI's own driver (what the `aws` script calls),
so the CLI starts once instead of once per step. Prints one JSON line per step:
[operation, output] or [operation, {"error": stderr}].
"""

import contextlib
import io
import json
import sys
from pathlib import Path

from awscli.clidriver import create_clidriver
from botocore import xform_name

endpoint = sys.argv[1]
steps = json.loads((Path(__file__).parent / "walkthrough.json").read_text())["steps"]
driver = create_clidriver()
for operation, params in steps:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = driver.main(
            ["sesv2", xform_name(operation, "-"), "--endpoint-url", endpoint,
             "--cli-input-json", json.dumps(params), "--output", "json"]
        )  # fmt: skip
    output = json.loads(out.getvalue() or "{}") if status == 0 else {"error": err.getvalue()}
    print(json.dumps([operation, output]))
