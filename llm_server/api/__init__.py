"""HTTP layer: thin routes over the runtime's services."""
