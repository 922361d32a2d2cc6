"""Imported once by the local engine's forkserver (multiprocessing's `set_forkserver_preload`),
before it forks any worker: the default pipeline is loaded and warmed up here, so every worker
starts with jieba, the KB, the models and the imports already in memory (shared copy-on-write)
instead of spending seconds of CPU loading them again. Workers still run `warm_up` with the run's
own settings; for the default settings that finds everything loaded.

Whatever goes wrong here must not stop the forkserver (it would only catch an ImportError): the
workers then load what they need themselves.
"""
from __future__ import annotations

import gc

try:
    from nlp.run.task import warm_up

    warm_up()
except Exception:  # noqa: BLE001 - best effort, see above
    pass
# Objects that exist now are moved out of the collector's reach: a forked worker's collections then
# neither scan them (CPU) nor touch their pages (which would copy them, one per worker).
gc.freeze()
