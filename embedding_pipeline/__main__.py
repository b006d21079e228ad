import sys

from embedding_pipeline.cli import main

sys.exit(main())
