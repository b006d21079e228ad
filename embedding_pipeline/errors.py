"""Failures the CLI reports with a one-line message and a documented exit code.

    PipelineError (1)
    ├── ConfigError (2)        bad settings, arguments or input file
    ├── Unreachable (3)        MongoDB or the Chroma server did not answer
    └── StorageFull (5)        the vector store's disk is full (batches already written stay)
"""

from __future__ import annotations


class PipelineError(Exception):
    exit_code = 1
    code = "pipeline_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class ConfigError(PipelineError):
    exit_code = 2
    code = "config_error"


class Unreachable(PipelineError):
    exit_code = 3
    code = "unreachable"


class StorageFull(PipelineError):
    exit_code = 5
    code = "storage_full"


BY_EXIT_CODE = {cls.exit_code: cls for cls in (PipelineError, ConfigError, Unreachable, StorageFull)}
