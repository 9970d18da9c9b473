"""Stage two: the plain model in, a NetworkX graph and an RDF graph out,
exported as Turtle and a self-contained HTML page."""
