"""`run_batch`: the whole pipeline as a Ray Data job over sharded inputs, written as Parquet tables.

    shards (listed on the driver) -> ReadClean actors -> Analyze actors (spaCy loaded once each)
    -> TablesDatasink (articles/, entities/, quotes/, times/, figures/, events/, errors/)
    -> stories/: articles/ read back in (published, id) order and filed into one StoryIndex on the driver

Everything streams: the driver holds the shard list, then for story assignment the StoryIndex (a bounded
term vector per article) and one chunk of articles at a time.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.batch.sinks import OutputDir, TablesDatasink, complete_tables
from storyline.batch.sources import list_shards
from storyline.batch.stages import Analyze, ReadClean
from storyline.batch.stories import assign_stories, story_order
from storyline.batch.tables import STORIES, TABLES
from storyline.errors import Code, StorylineError
from storyline.records import SourceMeta
from storyline.settings import Settings

# Shards per read call: small, so that the shards of a big crawl spread over every reader.
SHARDS_PER_BATCH = 4
# Articles per analyze call: the batch size of the language layer (pipeline.ANALYSIS_BATCH), so one call is
# one nlp.pipe batch.
ANALYZE_BATCH = 32
# Logical CPUs asked per actor. spaCy is the work: one analyze actor per core, each asking a bit less than a
# core so that the light readers and the write tasks still get scheduled beside them (with whole CPUs, the
# analyze pool would hold every CPU and the readers feeding it could never start).
ANALYZE_CPUS = 0.8
READ_CPUS = 0.1
WRITE_CPUS = 0.05
# One reader per this many analyze actors: reading and cleaning a text article costs a few ms, analysing it
# about a hundred.
ANALYZERS_PER_READER = 4


@dataclass
class BatchReport:
    out: str
    shards: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        shown = ", ".join(f"{self.counts.get(t, 0)} {t}" for t in TABLES if t != STORIES)
        return f"{self.shards} input shards -> {shown}; {self.counts.get(STORIES, 0)} story assignments in {self.out}"


def run_batch(inputs: Iterable[str], out_dir: str, address: str | None = None, *,
              meta: SourceMeta | None = None, settings: Settings | None = None,
              num_cpus: int | None = None) -> BatchReport:
    """Read, clean and analyse every input on Ray, write the tables under `out_dir`, then assign stories.

    Local mode (`num_cpus`, default all cores) unless `address` names a cluster (`auto`, `ray://host:10001`);
    a Ray runtime already started in this process (a test session) is reused and left running.
    """
    import ray

    out = OutputDir.of(out_dir)
    if existing := out.existing_results():
        raise StorylineError(Code.BAD_OPTION, out_dir, f"already holds batch results ({', '.join(existing)}); "
                             "choose another --out or remove them")
    started = start_ray(address, num_cpus)
    try:
        report = BatchReport(out.uri)
        shards = [shard.row() for shard in list_shards(list(inputs))]
        report.shards = len(shards)
        out.create()
        cpus = max(1, math.floor(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
        sink = TablesDatasink(out)
        if shards:
            blocks = math.ceil(len(shards) / SHARDS_PER_BATCH)
            dataset: ray.data.Dataset = ray.data.from_items(shards, override_num_blocks=blocks)
            dataset = dataset.map_batches(
                ReadClean, fn_constructor_args=(meta or SourceMeta(), settings or Settings()),
                batch_size=SHARDS_PER_BATCH, batch_format="pyarrow", num_cpus=READ_CPUS,
                compute=ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, cpus // ANALYZERS_PER_READER)))
            dataset = dataset.map_batches(
                Analyze, batch_size=ANALYZE_BATCH, batch_format="pyarrow", num_cpus=ANALYZE_CPUS,
                compute=ray.data.ActorPoolStrategy(min_size=1, max_size=cpus))
            dataset.write_datasink(sink, ray_remote_args={"num_cpus": WRITE_CPUS})
        report.counts = dict(sink.counts)
        report.counts[STORIES] = assign_stories(out)
        complete_tables(out)
        return report
    finally:
        if started:
            ray.shutdown()


def start_ray(address: str | None = None, num_cpus: int | None = None) -> bool:
    """Connect to a cluster or start local mode; False when a runtime was already up (it is left as it is)."""
    import ray

    if not ray.is_initialized():
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
        else:
            ray.init(num_cpus=num_cpus or os.cpu_count() or 1, include_dashboard=False,
                     logging_level=logging.WARNING, log_to_driver=False)
        started = True
    else:
        started = False
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    return started


__all__ = ["BatchReport", "run_batch", "start_ray", "story_order"]
