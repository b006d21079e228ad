"""The pipeline's own settings (MongoDB); Chroma and the embedder come from llm_server's."""

from __future__ import annotations

import re

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MongoSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", case_sensitive=False)

    mongo_uri: str = "mongodb://127.0.0.1:27017"
    mongo_db: str = "blankspace"
    mongo_collection: str = "products"
    mongo_timeout_s: float = Field(5.0, gt=0)

    @property
    def safe_uri(self) -> str:
        """The URI with any password masked, for messages and logs."""
        return redact(self.mongo_uri)


def redact(uri: str) -> str:
    return re.sub(r"(//[^:/@]+:)[^@/]*@", r"\1***@", uri)
