"""The compiler: turns a validated site model into a resource DAG plus artefacts (flow JSON, bots, policies)."""
