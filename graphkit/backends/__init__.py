"""Backends the graph is written to and queried on: the embedded NetworkX graph and Neo4j."""
