"""SRM: canonical YAML about the AWS Shared Responsibility Model, validated and rendered
into MkDocs pages. The core (load, validate, render) does not import MkDocs."""

from .errors import ContentError, Problem
from .models import Content
from .pipeline import load_content

__all__ = ["Content", "ContentError", "Problem", "load_content"]
