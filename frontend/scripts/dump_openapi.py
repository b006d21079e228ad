"""Print llm_server's OpenAPI document as JSON, without starting a server.

`create_app` only builds the FastAPI object (services start in its lifespan, which this
never enters), so nothing loads a model or opens a port. Settings come from defaults
only: a developer's exported variables must not change the committed contract.
"""

import json
import os
import sys

from llm_server.config import Settings

for name in Settings.model_fields:
    os.environ.pop(name.upper(), None)

from llm_server.main import create_app  # noqa: E402 - after the environment is cleaned

json.dump(create_app(Settings()).openapi(), sys.stdout, ensure_ascii=False, indent=2)
sys.stdout.write("\n")
